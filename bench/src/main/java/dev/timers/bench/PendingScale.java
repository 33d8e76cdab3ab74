package dev.timers.bench;

import dev.timers.core.store.PendingTimers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Scenario 7: the same probe before and after adding many timers 1 to 30 days out (beyond the horizon). The probe
 * creates timers one by one at a steady rate, each due a few seconds later, and waits a fixed window: API create
 * latency, store items read per timer fired over the window, broker queues and memory, heap and RSS.
 */
final class PendingScale {

    private PendingScale() {}

    static Map<String, Object> run(Run run) throws Exception {
        var out = new LinkedHashMap<String, Object>();
        run.progress.say("  probe before");
        Map<String, Object> before = probe(run, "pending_probe_before");
        int count = run.settings.pendingTimers();
        run.progress.say("  adding %,d timers 1 to 30 days out", count);
        String url = run.receiver.url("/fast");
        List<TimerSpec> specs = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            long seconds = ThreadLocalRandom.current().nextLong(24 * 3600, 30 * 24 * 3600);
            specs.add(TimerSpec.at(now.plusSeconds(seconds), url));
        }
        long started = System.nanoTime();
        run.api.createAll(specs, 4, run.progress, "pending");
        double seconds = (System.nanoTime() - started) / 1e9;
        run.progress.say("  created %,d in %.0f s (%.0f/s)", count, seconds, count / seconds);
        run.progress.say("  probe after");
        Map<String, Object> after = probe(run, "pending_probe_after");

        out.put("pending_added", count);
        out.put("pending_create_per_s", Numbers.round1(count / seconds));
        out.put("before", before);
        out.put("after", after);
        Broker.State brokerBefore = (Broker.State) before.remove("broker_state");
        Broker.State brokerAfter = (Broker.State) after.remove("broker_state");
        if (brokerBefore != null && brokerAfter != null) {
            before.put("broker", brokerBefore.json());
            after.put("broker", brokerAfter.json());
            out.put("broker_growth_ratio", Numbers.ratio(brokerAfter.memoryBytes(), brokerBefore.memoryBytes()));
            out.put("broker_message_growth", brokerAfter.messages() - brokerBefore.messages());
        } else {
            out.put("broker_growth_ratio", null);
            out.put("broker_note", "rabbitmqctl could not be run");
        }
        out.put("reads_per_fire_growth", growth((Number) after.get("reads_per_fire"), (Number)
                before.get("reads_per_fire")));
        out.put("api_p99_growth", Numbers.ratio((Number) after.get("api_p99_ms"), (Number) before.get("api_p99_ms")));
        return out;
    }

    private static Map<String, Object> probe(Run run, String scenario) throws Exception {
        int count = run.settings.probeTimers();
        Duration window = run.settings.probeWindow();
        String url = run.receiver.url("/fast");
        List<Deliveries.Expected> expected = java.util.Collections.synchronizedList(new ArrayList<>());
        var out = new LinkedHashMap<String, Object>();
        out.put("broker_state", run.broker.state());
        Double readsBefore = run.storeItemsRead();
        Double firedBefore = run.fired();
        long started = System.nanoTime();
        // Half the window creating, the other half for the last ones to fire.
        int perSecond = (int) Math.max(1, count / (window.toSeconds() / 2.0));
        OpenLoad.Step step = OpenLoad.run(perSecond, Duration.ofMillis(count * 1000L / perSecond), () -> {
            TimerSpec spec = TimerSpec.at(Instant.now().plusSeconds(3), url);
            String id = run.api.create(spec);
            expected.addAll(Deliveries.of(List.of(id), List.of(spec)));
        });
        run.deliveries.expect(scenario, expected);
        Deliveries.Outcome outcome = run.deliveries.await(scenario, expected, window, run.progress);
        long rest = window.toNanos() - (System.nanoTime() - started);
        if (rest > 0) {
            Thread.sleep(rest / 1_000_000);
        }
        Double readsAfter = run.storeItemsRead();
        Double firedAfter = run.fired();
        out.put("api_creates", step.json());
        out.put("api_p99_ms", Numbers.round1(step.latency().percentileMs(99)));
        out.put("fired", outcome.json());
        out.put("store_items_read", readsBefore == null || readsAfter == null ? null : readsAfter - readsBefore);
        out.put("timers_fired", firedBefore == null || firedAfter == null ? null : firedAfter - firedBefore);
        out.put("reads_per_fire", ReadsPerFire.of(readsBefore, readsAfter, firedBefore, firedAfter));
        out.put("pending_cap_count_ms", Numbers.round1(capCountMs(run)));
        out.put("api_heap_mb", run.heapMb(Services.API));
        out.put("consumer_heap_mb", run.heapMb(Services.CONSUMER));
        out.put("api_rss_mb", Numbers.round1(nullToNaN(run.services.rssMb(Services.API))));
        out.put("consumer_rss_mb", Numbers.round1(nullToNaN(run.services.rssMb(Services.CONSUMER))));
        run.progress.say(
                "  %s: API p99 %.1f ms, reads per fire %s",
                scenario, step.latency().percentileMs(99), out.get("reads_per_fire"));
        return out;
    }

    /**
     * What the per-owner pending cap (off in the bench's stack) would cost each create: the API's own count of the
     * owner's pending timers, up to the default cap of 100,000, timed here with the services' code and client.
     */
    private static double capCountMs(Run run) {
        try (DynamoDbClient dynamo = StoreLimit.client(run.env.get("BENCH_DYNAMODB_ENDPOINT"))) {
            var pending = new PendingTimers(dynamo, run.env.getOrDefault("BENCH_TABLE", "timers"));
            long started = System.nanoTime();
            pending.countUpTo("anonymous", 100_000);
            return (System.nanoTime() - started) / 1e6;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** after / before; two zeros are flat (1.0), not undefined: no reads per fire before or after. */
    private static Double growth(Number after, Number before) {
        if (after != null && before != null && after.doubleValue() == 0 && before.doubleValue() == 0) {
            return 1.0;
        }
        return Numbers.ratio(after, before);
    }

    private static double nullToNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
