package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.ScriptedTarget;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A receiver down for a minute (connections refused, as during a deploy), then back on the same address. Its
 * timers keep their place on the retry schedule, its circuit opens and lets trial calls through again, and
 * every timer ends DELIVERED, once, rather than FAILED.
 */
class ReceiverOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final int TIMERS = 10;

    private static final TimersCluster cluster = TimersCluster.isolated();

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void timersAtAReceiverDownForAMinuteAreDeliveredOnceWhenItIsBack() {
        cluster.startApi();
        // Retries after 5 s, 20 s and 45 s (plus jitter): the last comes after the outage, as the default
        // schedule's third call (after 5 min) does.
        cluster.startConsumer(Map.of("timers.consumer.retry.schedule", "5s,20s,45s"));
        var repository = cluster.api().getBean(TimerRepository.class);
        URI down = ScriptedTarget.refusing("127.0.0.7");
        Instant outageEnds = Instant.now().plus(OUTAGE);

        List<UUID> ids = IntStream.range(0, TIMERS)
                .mapToObj(i -> cluster.createIn(1, down))
                .toList();

        await().atMost(OUTAGE.plusSeconds(10)).until(() -> Instant.now().isAfter(outageEnds));
        assertThat(ids)
                .allSatisfy(id -> assertThat(repository.find(id).orElseThrow())
                        .satisfies(timer -> assertThat(timer.status()).isEqualTo(TimerStatus.SCHEDULED))
                        .satisfies(timer -> assertThat(timer.attempts()).hasSizeGreaterThanOrEqualTo(2)));
        try (var back = ScriptedTarget.start("127.0.0.7", down.getPort(), ScriptedTarget.status(200))) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> ids.stream()
                            .allMatch(id ->
                                    repository.find(id).orElseThrow().status().isFinal()));

            for (UUID id : ids) {
                Timer timer = repository.find(id).orElseThrow();
                assertThat(timer.status()).isEqualTo(TimerStatus.DELIVERED);
                assertThat(back.receivedFor(id)).hasSize(1);
                List<Attempt> failed =
                        timer.attempts().subList(0, timer.attempts().size() - 1);
                assertThat(failed)
                        .allSatisfy(attempt -> assertThat(attempt.statusCode()).isNull());
                assertThat(failed.getFirst().error()).startsWith("connection refused");
            }
        }
    }
}
