package dev.timers.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 2: single creates at a constant arrival rate, rising step by step until p99 passes 100 ms (or the
 * service falls behind the offered rate, or errors). The sustainable rate is the last step that held. The timers
 * are a week out, beyond the horizon, so they never fire during the run.
 */
final class Creates {

    static final double P99_LIMIT_MS = 100;

    private Creates() {}

    static Map<String, Object> run(Run run) throws Exception {
        String url = run.receiver.url("/fast");
        List<Map<String, Object>> steps = new ArrayList<>();
        OpenLoad.Step held = null;
        // Not counted: the API's JIT, connection pools and the store's first pages warm up on these.
        run.progress.say(
                "  warm-up: %d/s for %d s (not counted)",
                run.settings.createRates().getFirst(), run.settings.createStep().toSeconds());
        OpenLoad.run(
                run.settings.createRates().getFirst(),
                run.settings.createStep(),
                () -> run.api.create(TimerSpec.at(Instant.now().plusSeconds(7 * 24 * 3600), url)));
        for (int rate : run.settings.createRates()) {
            OpenLoad.Step step = OpenLoad.run(
                    rate,
                    run.settings.createStep(),
                    () -> run.api.create(TimerSpec.at(Instant.now().plusSeconds(7 * 24 * 3600), url)));
            steps.add(step.json());
            double p99 = step.latency().percentileMs(99);
            run.progress.say(
                    "  %4d/s offered: %.0f/s done, p50 %.1f ms, p99 %.1f ms, %d errors",
                    rate, step.achievedPerS(), step.latency().percentileMs(50), p99, step.errors());
            boolean holds = p99 <= P99_LIMIT_MS
                    && step.errors() <= step.latency().count() / 100
                    && step.achievedPerS() >= 0.9 * rate;
            if (!holds) {
                break;
            }
            held = step;
            Thread.sleep(1_000);
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("p99_limit_ms", P99_LIMIT_MS);
        out.put("sustainable_per_s", held == null ? 0 : held.offeredPerS());
        out.put("at_sustainable", held == null ? null : held.json());
        out.put("steps", steps);
        return out;
    }
}
