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

    /** One schedule fired: the timers expected, how they all arrived, and the CPU used while they fired. */
    private record Fired(List<Deliveries.Expected> expected, Deliveries.Outcome all, Map<String, Object> cpu) {}

    static Result run(Run run) throws Exception {
        Schedule schedule = schedule(run.settings);
        int total = schedule.steady() + schedule.burst();
        Double readsBefore = run.storeItemsRead();
        Double firedBefore = run.fired();
        Fired fired = fire(
                run,
                "fire_precision",
                schedule,
                start -> run.progress.say(
                        "  %,d timers over %d s from %s, then %,d within one second",
                        schedule.steady(), schedule.spread().toSeconds(), start, schedule.burst()));
        List<Deliveries.Expected> expected = fired.expected();
        Deliveries.Outcome all = fired.all();
        Deliveries.Outcome steady = run.deliveries.outcome(expected.subList(0, schedule.steady()));
        Deliveries.Outcome burst = run.deliveries.outcome(expected.subList(schedule.steady(), total));
        Map<String, Object> cpuWhileFiring = fired.cpu();
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
        var steps = new java.util.ArrayList<Map<String, Object>>();
        for (int rate : run.settings.precisionRates()) {
            var schedule =
                    new Schedule(rate * (int) run.settings.rateWindow().toSeconds(), run.settings.rateWindow(), 0);
            Fired fired = fire(
                    run,
                    "fire_precision_" + rate + "_per_s",
                    schedule,
                    start -> run.progress.say(
                            "  %d/s for %d s", rate, schedule.spread().toSeconds()));
            Deliveries.Outcome outcome = fired.all();
            var step = new LinkedHashMap<String, Object>();
            step.put("per_s", rate);
            step.putAll(outcome.json());
            step.put("cpu_cores_while_firing", fired.cpu());
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

    /**
     * Creates {@code schedule}'s timers at the fast receiver, far enough ahead that the creates end before the
     * first fire time, and waits until they all arrived (or a minute past the schedule's end), reading the CPU
     * from the first fire time on. {@code announce} is told the first fire time before the creates.
     */
    private static Fired fire(
            Run run, String scenario, Schedule schedule, java.util.function.Consumer<Instant> announce)
            throws Exception {
        Instant start = Instant.now().plus(run.leadFor(schedule.steady() + schedule.burst()));
        String url = run.receiver.url("/fast");
        List<TimerSpec> specs = schedule.fireTimes(start).stream()
                .map(at -> TimerSpec.at(at, url))
                .toList();
        announce.accept(start);
        List<Deliveries.Expected> expected = run.create(scenario, specs);
        CpuUse.Reading cpuBefore = run.cpuFrom(start);
        Deliveries.Outcome all = run.deliveries.await(
                scenario,
                expected,
                java.time.Duration.between(Instant.now(), start)
                        .plus(schedule.length())
                        .plusSeconds(60),
                run.progress);
        return new Fired(expected, all, run.cpu.since(cpuBefore));
    }
}
