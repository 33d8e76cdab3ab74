package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.delay.WakeUps;
import dev.timers.core.store.TimerRepository;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DELETEs spread around the instant timers fire: the early ones must win and the late ones must lose, so the
 * race is seen both ways, and exactly one side wins for each timer, never both.
 */
class CancelRaceIT {

    private static final Logger log = LoggerFactory.getLogger(CancelRaceIT.class);

    private static final int REPETITIONS = 100;

    /** The first DELETE goes this long before the fire instant; one more every spacing, the last 1.38 s after it. */
    private static final long FIRST_DELETE_MILLIS = -600;

    private static final long DELETE_SPACING_MILLIS = 20;

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final WebhookReceiver receiver = cluster.receiver();

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void deletesAroundTheFireInstantCancelSomeTimersLoseOnOthersAndNeverBothForOne() throws Exception {
        cluster.startApi();
        var consumer = cluster.startConsumer();
        var repository = consumer.getBean(TimerRepository.class);
        var wakeUps = consumer.getBean(WakeUps.class);
        Instant now = Instant.now();
        Instant fireAt = now.plusSeconds(6);
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < REPETITIONS; i++) {
            Timer timer = Timer.schedule(receiver.url(), fireAt, now);
            repository.create(timer, true);
            wakeUps.publish(timer.id(), timer.owner(), timer.fireAt());
            timers.add(timer);
        }

        // Timer i is deleted at fireAt - 600 ms + 20 ms * i: from well before the claim (the DELETE must win)
        // to well after the delivery (it must lose), through the instant itself.
        Map<UUID, Integer> deleteStatus = new ConcurrentHashMap<>();
        try (var pool = Executors.newScheduledThreadPool(16)) {
            for (int i = 0; i < timers.size(); i++) {
                Timer timer = timers.get(i);
                Instant deleteAt = fireAt.plusMillis(FIRST_DELETE_MILLIS + DELETE_SPACING_MILLIS * i);
                pool.schedule(
                        () -> deleteStatus.put(
                                timer.id(), cluster.delete(timer.id()).statusCode()),
                        Math.max(0, Duration.between(Instant.now(), deleteAt).toMillis()),
                        TimeUnit.MILLISECONDS);
            }
        }
        assertThat(deleteStatus).hasSize(REPETITIONS);

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
        int cancelled = 0;
        for (Timer timer : timers) {
            TimerStatus status = repository.find(timer.id()).orElseThrow().status();
            int calls = receiver.receivedFor(timer.id()).size();
            if (deleteStatus.get(timer.id()) == 204) {
                assertThat(status).isEqualTo(TimerStatus.CANCELLED);
                assertThat(calls).isZero();
                cancelled++;
            } else {
                assertThat(deleteStatus.get(timer.id())).isEqualTo(409);
                assertThat(status).isEqualTo(TimerStatus.DELIVERED);
                assertThat(calls).isEqualTo(1);
            }
        }
        log.info("{} timers cancelled, {} delivered", cancelled, delivered);
        assertThat(cancelled).as("timers whose DELETE won").isPositive();
        assertThat(delivered).as("timers delivered although DELETEd").isPositive();
        assertThat(cancelled + delivered).isEqualTo(REPETITIONS);
    }
}
