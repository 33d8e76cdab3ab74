package dev.timers.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 10: timers to many distinct target hosts (loopback addresses 127.0.1.3, 127.0.1.4, ..., all on one
 * receiver's port), more
 * than the consumer keeps state for (10,000 hosts by default): the hosts it tracks after they were all called,
 * which the bounded cache holds to its size, and the consumer's heap before and after.
 */
final class DistinctHosts {

    private DistinctHosts() {}

    static Map<String, Object> run(Run run) throws Exception {
        int count = run.settings.distinctHosts();
        try (Receiver wide = Receiver.onEveryAddress()) {
            var deliveries = new Deliveries(wide);
            Instant at = Instant.now().plus(run.leadFor(count));
            Duration spread = Duration.ofSeconds(count / 1_000);
            List<TimerSpec> specs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                specs.add(
                        new TimerSpec(at.plusNanos(spread.toNanos() / count * i), wide.url(address(i), "/fast"), null));
            }
            Double trackedBefore = tracked(run);
            Double heapBefore = run.heapMb(Services.CONSUMER);
            run.progress.say(
                    "  %,d timers to %,d distinct hosts, due over %d s from %s", count, count, spread.toSeconds(), at);
            List<String> ids = run.api.createAll(specs, 4, run.progress, "distinct_hosts");
            List<Deliveries.Expected> expected = Deliveries.of(ids, specs);
            deliveries.expect("distinct_hosts", expected);
            Deliveries.Outcome outcome = deliveries.await(
                    "distinct_hosts",
                    expected,
                    Duration.between(Instant.now(), at).plusSeconds(300),
                    run.progress);
            var out = new LinkedHashMap<String, Object>();
            out.put("distinct_hosts", count);
            out.put("hosts_tracked_before", trackedBefore);
            out.put("hosts_tracked_after", tracked(run));
            out.put("consumer_heap_mb_before", heapBefore);
            out.put("consumer_heap_mb_after", run.heapMb(Services.CONSUMER));
            out.putAll(outcome.json());
            run.progress.say("  hosts tracked after: %s of %,d called", out.get("hosts_tracked_after"), count);
            return out;
        }
    }

    /** A distinct loopback address for each {@code i}: never 127.0.0.x, never a block's 0 or 255. */
    static String address(int i) {
        int n = i + 2;
        int c = n % 254 + 1;
        int b = (n / 254) % 254 + 1;
        int a = n / (254 * 254);
        return "127." + a + "." + b + "." + c;
    }

    private static Double tracked(Run run) {
        return run.scrape.sum(run.services.management(Services.CONSUMER), "timers_targets_tracked");
    }
}
