package dev.timers.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6. First, timers due at once at a receiver that takes one second per call: completed calls per second.
 * Then timers at a host that accepts connections and never answers, due at the moment a steady stream of healthy
 * timers starts: the healthy timers' lateness. The dead host's timers get one attempt each, so they end as FAILED
 * instead of coming back later in the run.
 */
final class BadReceivers {

    private static final Duration SLOW_CALL = Duration.ofSeconds(1);

    private BadReceivers() {}

    static Map<String, Object> run(Run run) throws Exception {
        var out = new LinkedHashMap<String, Object>();
        out.put("slow", slow(run));
        out.put("isolation", isolation(run));
        return out;
    }

    private static Map<String, Object> slow(Run run) throws Exception {
        int count = run.settings.slowTimers();
        Instant at = Instant.now().plus(run.leadFor(count));
        List<TimerSpec> specs = Run.spread(count, at, Duration.ZERO, run.receiver.url("/slow"), null);
        run.progress.say("  %,d timers due at once at a receiver that takes 1 s per call", count);
        List<Deliveries.Expected> expected = run.create("slow_receiver", specs);
        Deliveries.Outcome outcome = run.deliveries.await(
                "slow_receiver", expected, Duration.between(Instant.now(), at).plusSeconds(300), run.progress);
        // A call is done when the receiver answers, a second after it arrived.
        double seconds = (outcome.lastMicros() - expected.getFirst().fireAtMicros()) / 1e6 + SLOW_CALL.toSeconds();
        Double perS =
                outcome.arrivalsMicros().length == 0 ? null : Numbers.round1(outcome.arrivalsMicros().length / seconds);
        var out = new LinkedHashMap<String, Object>();
        out.put("timers", count);
        out.put("call_s", SLOW_CALL.toSeconds());
        out.put("drain_s", Numbers.round3(seconds));
        out.put("deliveries_per_s", perS);
        out.putAll(outcome.json());
        run.progress.say("  slow receiver: %.0f deliveries/s", perS);
        return out;
    }

    private static Map<String, Object> isolation(Run run) throws Exception {
        int dead = run.settings.blackholeTimers();
        int healthy = run.settings.isolationTimers();
        try (Blackhole blackhole = new Blackhole()) {
            Instant at = Instant.now().plus(run.leadFor(dead + healthy));
            List<TimerSpec> deadSpecs =
                    Run.spread(dead, at, Duration.ZERO, blackhole.url(), "\"retry\":{\"maxAttempts\":1}");
            List<TimerSpec> healthySpecs =
                    Run.spread(healthy, at, run.settings.isolationSpread(), run.receiver.url("/fast"), null);
            run.progress.say(
                    "  %,d timers at a host that never answers, beside %,d healthy ones over %d s",
                    dead, healthy, run.settings.isolationSpread().toSeconds());
            run.api.createAll(deadSpecs, 4, run.progress, "never_answers");
            List<Deliveries.Expected> expected = run.create("isolation", healthySpecs);
            Deliveries.Outcome outcome = run.deliveries.await(
                    "isolation",
                    expected,
                    Duration.between(Instant.now(), at)
                            .plus(run.settings.isolationSpread())
                            .plusSeconds(120),
                    run.progress);
            var out = new LinkedHashMap<String, Object>();
            out.put("never_answering_timers", dead);
            out.put("never_answering_connections", blackhole.accepted());
            out.put("healthy_timers", healthy);
            out.put(
                    "healthy_per_s",
                    Numbers.round1(
                            healthy / (double) run.settings.isolationSpread().toSeconds()));
            out.putAll(outcome.json());
            run.progress.say(
                    "  isolation: healthy p99 %.1f ms beside %,d calls held open by the dead host",
                    outcome.lateness().percentileMs(99), blackhole.accepted());
            return out;
        }
    }
}
