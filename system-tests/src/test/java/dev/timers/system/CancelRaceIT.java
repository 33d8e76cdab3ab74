package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.delay.WakeUps;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A DELETE at the instant a timer fires: exactly one of the two wins, never both. */
class CancelRaceIT {

    private static final int REPETITIONS = 100;

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final TestInfrastructure infrastructure = cluster.infrastructure();
    private static final WebhookReceiver receiver = cluster.receiver();

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aCancelledTimerIsNeverDeliveredAndADeliveredOneIsNeverCancelled() throws Exception {
        cluster.startApi();
        var consumer = cluster.startConsumer();
        var repository = consumer.getBean(TimerRepository.class);
        var wakeUps = consumer.getBean(WakeUps.class);
        Instant now = Instant.now();
        Instant fireAt = now.plusSeconds(3);
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < REPETITIONS; i++) {
            // Spread over 100 ms around the DELETEs, so some land before the claim and some after.
            Timer timer = Timer.schedule(receiver.url(), fireAt.plusMillis(i - 50), now);
            repository.create(timer, true);
            wakeUps.publish(timer.id(), timer.fireAt());
            timers.add(timer);
        }

        Map<UUID, Integer> deleteStatus = new ConcurrentHashMap<>();
        await().pollInterval(Duration.ofMillis(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !Instant.now().isBefore(fireAt));
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (Timer timer : timers) {
                pool.submit(() ->
                        deleteStatus.put(timer.id(), cluster.delete(timer.id()).statusCode()));
            }
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> timers.stream()
                        .allMatch(t ->
                                repository.find(t.id()).orElseThrow().status().isFinal()));
        long delivered = timers.stream()
                .filter(t -> repository.find(t.id()).orElseThrow().status() == TimerStatus.DELIVERED)
                .count();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.received().size() == delivered);
        for (Timer timer : timers) {
            TimerStatus status = repository.find(timer.id()).orElseThrow().status();
            int calls = receiver.receivedFor(timer.id()).size();
            if (deleteStatus.get(timer.id()) == 204) {
                assertThat(status).isEqualTo(TimerStatus.CANCELLED);
                assertThat(calls).isZero();
            } else {
                assertThat(deleteStatus.get(timer.id())).isEqualTo(409);
                assertThat(status).isEqualTo(TimerStatus.DELIVERED);
                assertThat(calls).isEqualTo(1);
            }
        }
    }
}
