package dev.timers.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 8: the consumer is stopped (SIGTERM, as an operator would), timers fall due while it is away, then it
 * is started again: how long until all are delivered, at what rate against scenario 5's, none lost or doubled.
 */
final class OutageCatchUp {

    /** The result and the arrivals (for the drain curve), counted from the consumer's start. */
    record Result(Map<String, Object> json, long[] arrivalsMicros, long startedMicros) {}

    private OutageCatchUp() {}

    static Result run(Run run, Double firePerS) throws Exception {
        int count = run.settings.outageTimers();
        run.progress.say("  stopping the consumer");
        Services.Stopped stopped = run.services.stopConsumer();
        try {
            Instant first = Instant.now().plus(run.leadFor(count));
            List<TimerSpec> specs = Run.spread(count, first, Duration.ofSeconds(5), run.receiver.url("/fast"), null);
            List<Deliveries.Expected> expected = run.create("outage", specs);
            Instant allDue = specs.getLast().fireAt().plusSeconds(2);
            run.progress.say("  %,d timers fall due while the consumer is down; waiting until %s", count, allDue);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), allDue).toMillis()));
            int early = run.deliveries.arrived(expected);
            long startMicros = Receiver.Clocks.nowMicros();
            run.progress.say("  starting the consumer");
            Services.Stopped restart = stopped;
            // One start only, whatever it comes to: the finally below is for failures before this point.
            stopped = null;
            run.services.startConsumer(restart);
            long healthyMicros = Receiver.Clocks.nowMicros();
            Deliveries.Outcome outcome =
                    run.deliveries.await("outage", expected, Duration.ofSeconds(300), run.progress);
            double catchUpSeconds = (outcome.lastMicros() - outcome.firstMicros()) / 1e6;
            Double perS = outcome.arrivalsMicros().length < 2
                    ? null
                    : Numbers.round1(outcome.arrivalsMicros().length / Math.max(catchUpSeconds, 0.001));
            var out = new LinkedHashMap<String, Object>();
            out.put("timers", count);
            out.put("delivered_while_down", early);
            out.put("start_to_healthy_s", Numbers.round3((healthyMicros - startMicros) / 1e6));
            out.put("start_to_first_delivery_s", Numbers.round3((outcome.firstMicros() - startMicros) / 1e6));
            out.put("start_to_drained_s", Numbers.round3((outcome.lastMicros() - startMicros) / 1e6));
            out.put("catch_up_s", Numbers.round3(catchUpSeconds));
            out.put("catch_up_per_s", perS);
            out.put("fire_per_s", firePerS);
            out.put("catchup_ratio", Numbers.ratio(perS, firePerS));
            out.putAll(outcome.json());
            run.progress.say("  caught up %,d in %.1f s after the first delivery: %.0f/s", count, catchUpSeconds, perS);
            return new Result(out, outcome.arrivalsMicros(), startMicros);
        } finally {
            if (stopped != null) {
                run.services.startConsumer(stopped);
            }
        }
    }
}
