package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.ScriptedTarget;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Head-of-line blocking between targets: hundreds of timers at a host that never answers, a port that refuses
 * and a receiver that answers 503 go through the same due queue and the same consumer as healthy timers, with
 * the production timeouts (5 s connect, 15 s response). The healthy ones must not notice.
 */
class NoisyNeighboursIT {

    private static final int BAD_PER_KIND = 500;
    private static final int HEALTHY_PER_SECOND = 20;
    private static final int HEALTHY_SECONDS = 20;
    private static final Pattern FIRE_AT = Pattern.compile("\"fireAt\":\"([^\"]+)\"");

    private static final TimersCluster cluster = TimersCluster.isolated();

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void healthyTimersArriveOnceAndOnTimeWhileHundredsOfCallsHangAreRefusedOrFail() throws Exception {
        cluster.startApi();
        cluster.startConsumer(Map.of(
                "timers.consumer.connect-timeout", "5s",
                "timers.consumer.response-timeout", "15s",
                "timers.consumer.lease", "60s",
                "timers.consumer.retry.schedule", "5s,5m"));
        var repository = cluster.api().getBean(TimerRepository.class);
        try (var silent = ScriptedTarget.start("127.0.0.2", ScriptedTarget.silent());
                var failing = ScriptedTarget.start("127.0.0.4", ScriptedTarget.status(503));
                var healthy = ScriptedTarget.start("127.0.0.5", ScriptedTarget.status(200))) {
            URI refusing = ScriptedTarget.refusing("127.0.0.3");
            List<UUID> refused = createBadTimers(silent.url(), refusing, failing.url());

            Set<UUID> healthyIds = createHealthyTimersAtAFixedRate(healthy.url());

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> healthy.received().size() >= healthyIds.size());
            // Every healthy timer arrived once, within the loose bound of 2 s after its fire time.
            assertThat(healthy.received())
                    .extracting(ScriptedTarget.Request::webhookId)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                            healthyIds.stream().map(UUID::toString).toList());
            assertThat(healthy.received())
                    .allSatisfy(request -> assertThat(lateness(request)).isLessThanOrEqualTo(Duration.ofSeconds(2)));
            // The bad targets really were busy meanwhile: hundreds of calls hung, failed or were refused, until
            // their hosts' circuits opened and held the rest back.
            assertThat(silent.received()).hasSizeGreaterThanOrEqualTo(100);
            assertThat(failing.received()).hasSizeGreaterThanOrEqualTo(10);
            assertThat(heldByOpenCircuits()).isPositive();
            assertThat(repository.find(refused.getFirst()).orElseThrow().attempts())
                    .first()
                    .satisfies(attempt -> assertThat(attempt.error()).startsWith("connection refused"));
        }
    }

    /**
     * Due from 2 s to 16 s from now, while the healthy timers come due: about 100 bad timers a second, which the
     * store here (one dynalite process sharing two cores with everything else) handles with room to spare, so
     * what the healthy timers would feel is the bad targets themselves.
     */
    private static List<UUID> createBadTimers(URI silent, URI refusing, URI failing) throws Exception {
        try (var creators = Executors.newFixedThreadPool(3)) {
            var refused = creators.submit(() -> IntStream.range(0, BAD_PER_KIND)
                    .mapToObj(i -> cluster.createIn(2 + i % 15, refusing))
                    .toList());
            creators.submit(() -> IntStream.range(0, BAD_PER_KIND).forEach(i -> cluster.createIn(2 + i % 15, silent)));
            creators.submit(() -> IntStream.range(0, BAD_PER_KIND).forEach(i -> cluster.createIn(2 + i % 15, failing)));
            return refused.get();
        }
    }

    private static Set<UUID> createHealthyTimersAtAFixedRate(URI healthy) throws InterruptedException {
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        try (var pacer = Executors.newSingleThreadScheduledExecutor()) {
            int total = HEALTHY_PER_SECOND * HEALTHY_SECONDS;
            var run = pacer.scheduleAtFixedRate(
                    () -> {
                        if (ids.size() < total) {
                            ids.add(cluster.createIn(1, healthy));
                        }
                    },
                    0,
                    1000 / HEALTHY_PER_SECOND,
                    TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(HEALTHY_SECONDS * 3L)).until(() -> ids.size() >= total);
            run.cancel(false);
        }
        return ids;
    }

    private static double heldByOpenCircuits() {
        var held = cluster.consumers()
                .getFirst()
                .getBean(MeterRegistry.class)
                .find("timers.delivery.held")
                .tag("reason", "circuit_open")
                .counter();
        return held == null ? 0 : held.count();
    }

    private static Duration lateness(ScriptedTarget.Request request) {
        var fireAt = FIRE_AT.matcher(request.body());
        assertThat(fireAt.find()).as("the body names the fire time").isTrue();
        return Duration.between(Instant.parse(fireAt.group(1)), request.at());
    }
}
