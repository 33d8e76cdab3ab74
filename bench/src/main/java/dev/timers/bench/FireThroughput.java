package dev.timers.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 5: many timers due at the same millisecond, at the fast receiver: deliveries per second from the fire
 * time until the last one arrived, against the store's fire limit measured in scenario 1.
 */
final class FireThroughput {

    /** The result and the arrivals (for the drain curve), with the fire time they count from. */
    record Result(Map<String, Object> json, long[] arrivalsMicros, long fireAtMicros, Double perS) {}

    private FireThroughput() {}

    static Result run(Run run, Double storeFiresPerS) throws Exception {
        int count = run.settings.throughputTimers();
        Instant at = Instant.now().plus(run.leadFor(count));
        String url = run.receiver.url("/fast");
        List<TimerSpec> specs = Run.spread(count, at, Duration.ZERO, url, null);
        run.progress.say("  %,d timers all due at %s", count, at);
        List<Deliveries.Expected> expected = run.create("fire_throughput", specs);
        CpuUse.Reading cpuBefore = run.cpuFrom(at);
        Deliveries.Outcome outcome = run.deliveries.await(
                "fire_throughput", expected, Duration.between(Instant.now(), at).plusSeconds(300), run.progress);
        Map<String, Object> cpuWhileFiring = run.cpu.since(cpuBefore);
        long fireAtMicros = expected.getFirst().fireAtMicros();
        double seconds = (outcome.lastMicros() - fireAtMicros) / 1e6;
        Double perS =
                outcome.arrivalsMicros().length == 0 ? null : Numbers.round1(outcome.arrivalsMicros().length / seconds);
        var out = new LinkedHashMap<String, Object>();
        out.put("timers", count);
        out.put("drain_s", Numbers.round3(seconds));
        out.put("fire_per_s", perS);
        out.put("store_fire_limit_per_s", storeFiresPerS);
        out.put("fire_ratio", Numbers.ratio(perS, storeFiresPerS));
        out.putAll(outcome.json());
        out.put("cpu_cores_while_firing", cpuWhileFiring);
        run.progress.say("  %,d delivered in %.1f s: %.0f/s", outcome.arrivalsMicros().length, seconds, perS);
        return new Result(out, outcome.arrivalsMicros(), fireAtMicros, perS);
    }
}
