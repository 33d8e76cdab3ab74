package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.ScriptedTarget;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A receiver that takes a second per call, 2,000 timers, and consumers in JVMs of their own: a second consumer
 * joins while the first has calls in flight, then the first is killed with kill -9. Every timer is delivered
 * in the store; on the wire each arrives, and only a call that was in flight at the kill may arrive twice
 * (with the same webhook-id).
 */
class ThousandsInFlightIT {

    private static final int TIMERS = 2_000;

    /** Lease and timeouts short enough that a killed consumer's claims are taken over within seconds. */
    private static final Map<String, String> SETTINGS = Map.of(
            "timers.consumer.connect-timeout", "1s",
            "timers.consumer.response-timeout", "4s",
            "timers.consumer.lease", "10s");

    private static final TimersCluster cluster = TimersCluster.isolated();

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void twoThousandSlowCallsAreEachDeliveredWhenAConsumerJoinsAndAnotherIsKilledMidFlight() {
        cluster.startApi();
        var repository = cluster.api().getBean(TimerRepository.class);
        try (var slow = ScriptedTarget.start("127.0.0.6", ScriptedTarget.after(Duration.ofSeconds(1), 200))) {
            var first = cluster.startConsumerProcess(SETTINGS);
            // Half of them before the second consumer starts, due over 20 s from 5 s from now: about 50 calls a
            // second, each taking a second. The other half once it runs, so that both have calls in flight.
            List<UUID> ids = new ArrayList<>(createDueOver(TIMERS / 2, 5, 20, slow));
            var second = cluster.startConsumerProcess(SETTINGS);
            ids.addAll(createDueOver(TIMERS / 2, 2, 10, slow));

            await().atMost(Duration.ofSeconds(60)).until(() -> inFlight(first) >= 10);
            double inFlightAtTheKill = inFlight(first);
            first.kill();

            await().atMost(Duration.ofSeconds(120)).until(() -> distinctArrivals(slow) == TIMERS);
            Map<String, Long> arrivals = slow.received().stream()
                    .collect(Collectors.groupingBy(ScriptedTarget.Request::webhookId, Collectors.counting()));
            assertThat(arrivals.keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            ids.stream().map(UUID::toString).toList());
            long repeated =
                    arrivals.values().stream().filter(count -> count > 1).count();
            assertThat(arrivals.values()).allMatch(count -> count <= 2);
            assertThat(repeated).isLessThanOrEqualTo((long) inFlightAtTheKill + 50);
            assertThat(second.metric("timers_fired_total", "outcome=\"delivered\""))
                    .hasValueSatisfying(delivered -> assertThat(delivered).isGreaterThan(100));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> ids.stream()
                                    .map(id -> repository.find(id).orElseThrow().status())
                                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())),
                            statuses -> statuses.equals(Map.of(TimerStatus.DELIVERED, (long) TIMERS)));
        }
    }

    private static List<UUID> createDueOver(int count, int fromSeconds, int overSeconds, ScriptedTarget target) {
        return IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> cluster.createIn(fromSeconds + i % overSeconds, target.url()))
                .toList();
    }

    private static double inFlight(ConsumerProcess consumer) {
        return consumer.metric("timers_delivery_in_flight", "").orElse(0.0);
    }

    private static long distinctArrivals(ScriptedTarget target) {
        return target.received().stream()
                .map(ScriptedTarget.Request::webhookId)
                .distinct()
                .count();
    }
}
