package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.delay.WakeUps;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.Scale;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Several consumers compete for the same due queue: every timer is delivered once, by one of them. */
class ManyConsumersIT {

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final TestInfrastructure infrastructure = cluster.infrastructure();
    private static final WebhookReceiver receiver = cluster.receiver();

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void threeConsumersDeliverEveryTimerDueInTheSameSecondExactlyOnce() {
        int count = Scale.of(300, 2000);
        var consumers = List.of(cluster.startConsumer(), cluster.startConsumer(), cluster.startConsumer());
        var repository = consumers.getFirst().getBean(TimerRepository.class);
        var wakeUps = consumers.getFirst().getBean(WakeUps.class);
        Instant now = Instant.now();
        Instant sameSecond =
                now.plus(Duration.ofSeconds(5 + count / 200)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        // Created in parallel (the common pool), so that all exist well before they fall due.
        List<Timer> timers = IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> {
                    Timer timer = Timer.schedule(receiver.url(), sameSecond.plusMillis(i % 1000), now);
                    repository.create(timer, true);
                    wakeUps.publish(timer.id(), timer.owner(), timer.fireAt());
                    return timer;
                })
                .toList();
        assertThat(Instant.now()).as("all created before they fall due").isBefore(sameSecond);

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= count);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> receiver.received().size() == count);
        Receivers.sawEachExactlyOnce(receiver, timers.stream().map(Timer::id).toList());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> timers.stream()
                        .allMatch(t -> repository.find(t.id()).orElseThrow().status() == TimerStatus.DELIVERED));
    }
}
