package dev.timers.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scenario 4: the fire-precision timers through db-scheduler at 100 ms and at 1 s polling, beside ours. */
final class PeerComparison {

    /** Each polling interval's steady-part lateness, for the plots. */
    record Result(Map<String, Object> json, Map<String, Latency> steady) {}

    private PeerComparison() {}

    static Result run(Run run, FirePrecision.Result ours) throws Exception {
        Schedule schedule = FirePrecision.schedule(run.settings);
        var out = new LinkedHashMap<String, Object>();
        var steadyByPolling = new LinkedHashMap<String, Latency>();
        String server = run.env.getOrDefault("BENCH_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
        String user = run.env.getOrDefault("BENCH_PG_USER", "postgres");
        try (Peer peer = new Peer(server, user)) {
            for (Duration polling : List.of(Duration.ofMillis(100), Duration.ofSeconds(1))) {
                String label = "peer_" + polling.toMillis() + "ms";
                run.progress.say("  db-scheduler, polling every %d ms", polling.toMillis());
                List<Deliveries.Expected> expected = peer.run(run, label, schedule, polling, run.receiver.url("/fast"));
                Deliveries.Outcome steady = run.deliveries.outcome(expected.subList(0, schedule.steady()));
                Deliveries.Outcome burst = run.deliveries.outcome(expected.subList(schedule.steady(), expected.size()));
                Deliveries.Outcome all = run.deliveries.outcome(expected);
                var result = new LinkedHashMap<String, Object>(Peer.describe(polling));
                result.put("steady", steady.json());
                result.put("burst", burst.json());
                result.put("all", all.json());
                result.put("ours_over_peer_p50", ratio(ours.steady(), steady.lateness(), 50));
                result.put("ours_over_peer_p99", ratio(ours.steady(), steady.lateness(), 99));
                result.put("ours_over_peer_burst_p99", ratio(ours.burst(), burst.lateness(), 99));
                out.put(label, result);
                steadyByPolling.put(label, steady.lateness());
                run.progress.say(
                        "  %s: steady p50 %.1f ms p99 %.1f ms; burst p99 %.1f ms; lost %d doubled %d",
                        label,
                        steady.lateness().percentileMs(50),
                        steady.lateness().percentileMs(99),
                        burst.lateness().percentileMs(99),
                        all.lost(),
                        all.doubled());
            }
        }
        return new Result(out, steadyByPolling);
    }

    private static Double ratio(Latency ours, Latency peer, double percentile) {
        return Numbers.ratio(ours.percentileMs(percentile), peer.percentileMs(percentile));
    }
}
