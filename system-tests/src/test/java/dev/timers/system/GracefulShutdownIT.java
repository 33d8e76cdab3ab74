package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.ScriptedTarget;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer process sent SIGTERM mid-call: it lets the call finish within its shutdown grace and records it;
 * a call still running when the grace is over is cut short, which is not the target's failure.
 */
class GracefulShutdownIT {

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static TimerRepository repository;

    @BeforeAll
    static void start() {
        cluster.startApi();
        repository = cluster.api().getBean(TimerRepository.class);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aConsumerTerminatedMidCallFinishesTheCallAndRecordsIt() {
        // Long enough a timeout for the 3 s answer below to be a success, not a timeout.
        var consumer = cluster.startConsumerProcess(
                Map.of("timers.consumer.response-timeout", "5s", "timers.consumer.lease", "15s"));
        try (var target = ScriptedTarget.start("127.0.0.8", ScriptedTarget.after(Duration.ofSeconds(3), 200))) {
            UUID id = cluster.createIn(1, target.url());
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> target.receivedFor(id).size() == 1);

            consumer.terminate();

            // It exited only after the call (the target answers 3 s after the request arrived) was recorded.
            Timer timer = repository.find(id).orElseThrow();
            assertThat(timer.status()).isEqualTo(TimerStatus.DELIVERED);
            assertThat(timer.attempts())
                    .singleElement()
                    .satisfies(a -> assertThat(a.statusCode()).isEqualTo(200));
        }
    }

    @Test
    void aCallCutShortWhenTheGraceRunsOutCountsNoAttemptAndTheTimerFiresAgainLater() {
        var settings = Map.of(
                "timers.consumer.delivery.shutdown-grace", "1s",
                "timers.consumer.response-timeout", "10s",
                "timers.consumer.lease", "25s");
        var consumer = cluster.startConsumerProcess(settings);
        try (var target = ScriptedTarget.start("127.0.0.9", ScriptedTarget.after(Duration.ofSeconds(6), 200))) {
            UUID id = cluster.createIn(1, target.url());
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> target.receivedFor(id).size() == 1);

            consumer.terminate();

            Timer putBack = repository.find(id).orElseThrow();
            assertThat(putBack.status()).isEqualTo(TimerStatus.SCHEDULED);
            assertThat(putBack.attempts()).isEmpty();

            try (var another = cluster.startConsumer(settings)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> repository.find(id).orElseThrow().status() == TimerStatus.DELIVERED);
            }
            assertThat(repository.find(id).orElseThrow().attempts())
                    .singleElement()
                    .satisfies(a -> assertThat(a.statusCode()).isEqualTo(200));
            assertThat(target.receivedFor(id)).hasSize(2);
        }
    }
}
