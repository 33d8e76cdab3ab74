package dev.timers.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: the fire-precision load through Timers, at the fast receiver. Lateness is the receiver's arrival
 * time minus the timer's fire time, for the steady part and the burst apart.
 */
final class FirePrecision {

    /** The lateness of the steady part and of the burst, kept for the peer's ratios and the plots. */
    record Result(Map<String, Object> json, Latency steady, Latency burst) {}

    private FirePrecision() {}

    static Schedule schedule(Settings settings) {
        return new Schedule(settings.precisionTimers(), settings.precisionSpread(), settings.burstTimers());
    }

    static Result run(Run run) throws Exception {
        Schedule schedule = schedule(run.settings);
        int total = schedule.steady() + schedule.burst();
        Instant start = Instant.now().plus(run.leadFor(total));
        String url = run.receiver.url("/fast");
        List<TimerSpec> specs = schedule.fireTimes(start).stream()
                .map(at -> TimerSpec.at(at, url))
                .toList();
        run.progress.say(
                "  %,d timers over %d s from %s, then %,d within one second",
                schedule.steady(), schedule.spread().toSeconds(), start, schedule.burst());
        Double readsBefore = run.storeItemsRead();
        Double firedBefore = run.fired();
        List<Deliveries.Expected> expected = run.create("fire_precision", specs);
        CpuUse.Reading cpuBefore = run.cpuFrom(start);
        Deliveries.Outcome all = run.deliveries.await(
                "fire_precision",
                expected,
                java.time.Duration.between(Instant.now(), start)
                        .plus(schedule.length())
                        .plusSeconds(60),
                run.progress);
        Deliveries.Outcome steady = run.deliveries.outcome(expected.subList(0, schedule.steady()));
        Deliveries.Outcome burst = run.deliveries.outcome(expected.subList(schedule.steady(), total));
        Map<String, Object> cpuWhileFiring = run.cpu.since(cpuBefore);
        Double readsAfter = run.storeItemsRead();
        Double firedAfter = run.fired();

        var out = new LinkedHashMap<String, Object>();
        out.put("timers", total);
        out.put(
                "steady_per_s",
                Numbers.round1(schedule.steady() / (double) schedule.spread().toSeconds()));
        out.put("steady", steady.json());
        out.put("burst", burst.json());
        out.put("all", all.json());
        out.put("store_reads_per_fire", ReadsPerFire.of(readsBefore, readsAfter, firedBefore, firedAfter));
        out.put("cpu_cores_while_firing", cpuWhileFiring);
        run.progress.say(
                "  ours: steady p50 %.1f ms p99 %.1f ms; burst p99 %.1f ms; max %.1f ms; lost %d doubled %d",
                steady.lateness().percentileMs(50),
                steady.lateness().percentileMs(99),
                burst.lateness().percentileMs(99),
                all.lateness().maxMs(),
                all.lost(),
                all.doubled());
        out.put("by_rate", byRate(run));
        return new Result(out, steady.lateness(), burst.lateness());
    }

    /**
     * The same kind of steady load at lower rates, one after the other, so the report shows lateness where the
     * store keeps up as well as where it does not: above the store's fire limit (scenario 1) lateness is the
     * store's queue, below it lateness is what the broker, the consumer and the call add.
     */
    private static List<Map<String, Object>> byRate(Run run) throws Exception {
        String url = run.receiver.url("/fast");
        var steps = new java.util.ArrayList<Map<String, Object>>();
        for (int rate : run.settings.precisionRates()) {
            var schedule =
                    new Schedule(rate * (int) run.settings.rateWindow().toSeconds(), run.settings.rateWindow(), 0);
            Instant start = Instant.now().plus(run.leadFor(schedule.steady()));
            List<TimerSpec> specs = schedule.fireTimes(start).stream()
                    .map(at -> TimerSpec.at(at, url))
                    .toList();
            run.progress.say("  %d/s for %d s", rate, schedule.spread().toSeconds());
            List<Deliveries.Expected> expected = run.create("fire_precision_" + rate + "_per_s", specs);
            CpuUse.Reading cpuBefore = run.cpuFrom(start);
            Deliveries.Outcome outcome = run.deliveries.await(
                    "fire_precision_" + rate + "_per_s",
                    expected,
                    java.time.Duration.between(Instant.now(), start)
                            .plus(schedule.length())
                            .plusSeconds(60),
                    run.progress);
            var step = new LinkedHashMap<String, Object>();
            step.put("per_s", rate);
            step.putAll(outcome.json());
            step.put("cpu_cores_while_firing", run.cpu.since(cpuBefore));
            steps.add(step);
            run.progress.say(
                    "    p50 %.1f ms p99 %.1f ms max %.1f ms; lost %d doubled %d",
                    outcome.lateness().percentileMs(50),
                    outcome.lateness().percentileMs(99),
                    outcome.lateness().maxMs(),
                    outcome.lost(),
                    outcome.doubled());
        }
        return steps;
    }
}
