package dev.timers.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's headline figures (summary.json) and the targets against them. */
final class Summary {

    private Summary() {}

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> json, String... path) {
        Object node = json;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node;
    }

    static Map<String, Object> of(
            Map<String, Map<String, Object>> scenarios, Map<String, Map<String, Integer>> tally, double maxRssMb) {
        var s = new LinkedHashMap<String, Object>();
        Object storeOps = at(scenarios.get("1_store_limit"), "create_writes_per_s");
        Object createPerS = at(scenarios.get("2_creates"), "sustainable_per_s");
        s.put("store_ops_per_s", storeOps);
        s.put("create_per_s", createPerS);
        s.put("create_ratio", Numbers.ratio((Number) createPerS, (Number) storeOps));
        s.put("create_p99_ms", at(scenarios.get("2_creates"), "at_sustainable", "p99_ms"));
        var precision = scenarios.get("3_fire_precision");
        s.put("lateness_p50_ms", at(precision, "steady", "lateness", "p50_ms"));
        s.put("lateness_p99_ms", at(precision, "steady", "lateness", "p99_ms"));
        s.put("lateness_max_ms", at(precision, "all", "lateness", "max_ms"));
        s.put("lateness_burst_p99_ms", at(precision, "burst", "lateness", "p99_ms"));
        s.put("lateness_by_rate", byRate(precision));
        var peer = scenarios.get("4_peer");
        s.put("peer_lateness_p50_ms", at(peer, "peer_100ms", "steady", "lateness", "p50_ms"));
        s.put("peer_lateness_p99_ms", at(peer, "peer_100ms", "steady", "lateness", "p99_ms"));
        s.put("peer_1s_lateness_p50_ms", at(peer, "peer_1000ms", "steady", "lateness", "p50_ms"));
        s.put("peer_1s_lateness_p99_ms", at(peer, "peer_1000ms", "steady", "lateness", "p99_ms"));
        s.put("lateness_p99_over_peer", at(peer, "peer_100ms", "ours_over_peer_p99"));
        s.put("lateness_p50_over_peer", at(peer, "peer_100ms", "ours_over_peer_p50"));
        s.put("fire_per_s", at(scenarios.get("5_fire_throughput"), "fire_per_s"));
        s.put("store_fire_limit_per_s", at(scenarios.get("1_store_limit"), "fires_per_s"));
        s.put("fire_ratio", at(scenarios.get("5_fire_throughput"), "fire_ratio"));
        // dynalite is one event loop: near 1.0 here says the store was the limit of the drain.
        s.put(
                "store_cpu_cores_at_fire_throughput",
                at(scenarios.get("5_fire_throughput"), "cpu_cores_while_firing", "dynalite"));
        s.put("slow_receiver_per_s", at(scenarios.get("6_bad_receivers"), "slow", "deliveries_per_s"));
        s.put("isolation_p99_ms", at(scenarios.get("6_bad_receivers"), "isolation", "lateness", "p99_ms"));
        s.put("owner_isolation_p99_ms", at(scenarios.get("9_owner_isolation"), "quiet", "lateness", "p99_ms"));
        s.put("distinct_hosts_tracked", at(scenarios.get("10_distinct_hosts"), "hosts_tracked_after"));
        int lost = 0, doubled = 0;
        for (var counts : tally.values()) {
            lost += counts.get("lost");
            doubled += counts.get("doubled");
        }
        s.put("lost", lost);
        s.put("doubled", doubled);
        var pending = scenarios.get("7_pending_scale");
        s.put("broker_growth_ratio", at(pending, "broker_growth_ratio"));
        s.put("reads_per_fire_before", at(pending, "before", "reads_per_fire"));
        s.put("reads_per_fire_after", at(pending, "after", "reads_per_fire"));
        s.put("reads_per_fire_growth", at(pending, "reads_per_fire_growth"));
        s.put("api_p99_growth", at(pending, "api_p99_growth"));
        s.put("catchup_ratio", at(scenarios.get("8_outage_catch_up"), "catchup_ratio"));
        s.put("max_rss_mb", Numbers.round1(maxRssMb));
        return s;
    }

    /** Lateness p50/p99/max at each of the lower steady rates of scenario 3, for the summary. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> byRate(Map<String, Object> precision) {
        var out = new ArrayList<Map<String, Object>>();
        if (at(precision, "by_rate") instanceof List<?> steps) {
            for (Object step : steps) {
                var json = (Map<String, Object>) step;
                var row = new LinkedHashMap<String, Object>();
                row.put("per_s", json.get("per_s"));
                row.put("p50_ms", at(json, "lateness", "p50_ms"));
                row.put("p99_ms", at(json, "lateness", "p99_ms"));
                row.put("max_ms", at(json, "lateness", "max_ms"));
                out.add(row);
            }
        }
        return out;
    }

    static List<Target> targets(Map<String, Object> s) {
        List<Target> t = new ArrayList<>();
        t.add(Target.atLeast("create_ratio >= 0.75", "create_ratio", s.get("create_ratio"), 0.75));
        t.add(Target.atMost("create p99 <= 50 ms at that rate", "create_p99_ms", s.get("create_p99_ms"), 50));
        t.add(Target.atMost("fire lateness p50 <= 10 ms", "lateness_p50_ms", s.get("lateness_p50_ms"), 10));
        t.add(Target.atMost("fire lateness p99 <= 50 ms", "lateness_p99_ms", s.get("lateness_p99_ms"), 50));
        t.add(Target.atMost(
                "fire lateness p99 <= 1/4 of db-scheduler's at 100 ms polling",
                "lateness_p99_over_peer",
                s.get("lateness_p99_over_peer"),
                0.25));
        t.add(Target.atMost(
                "max lateness <= 1 s outside fault scenarios", "lateness_max_ms", s.get("lateness_max_ms"), 1000));
        t.add(Target.atLeast("fire_ratio >= 0.75", "fire_ratio", s.get("fire_ratio"), 0.75));
        t.add(Target.atLeast(
                ">= 300 deliveries/s with 1 s receivers", "slow_receiver_per_s", s.get("slow_receiver_per_s"), 300));
        t.add(Target.atMost("isolation p99 <= 100 ms", "isolation_p99_ms", s.get("isolation_p99_ms"), 100));
        t.add(Target.atMost(
                "a quiet owner's p99 <= 500 ms beside a busy owner's burst",
                "owner_isolation_p99_ms",
                s.get("owner_isolation_p99_ms"),
                500));
        t.add(Target.atMost(
                "hosts tracked <= the cache's 10,000 after 20,000 distinct hosts",
                "distinct_hosts_tracked",
                s.get("distinct_hosts_tracked"),
                10_000));
        t.add(Target.atMost(
                "broker state flat (within 10 %) from 0 to N timers beyond the horizon",
                "broker_growth_ratio", s.get("broker_growth_ratio"), 1.10));
        t.add(Target.atMost(
                "reads per fire flat (within 10 %)", "reads_per_fire_growth", s.get("reads_per_fire_growth"), 1.10));
        t.add(Target.atLeast("catch-up at >= 75 % of fire throughput", "catchup_ratio", s.get("catchup_ratio"), 0.75));
        t.add(Target.atMost("lost = 0", "lost", s.get("lost"), 0));
        t.add(Target.atMost("doubled = 0", "doubled", s.get("doubled"), 0));
        t.add(Target.atMost("RSS <= 350 MB per service", "max_rss_mb", s.get("max_rss_mb"), 350));
        return t;
    }
}
