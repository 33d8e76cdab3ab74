package dev.timers.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every timer the run expects at the receiver, by scenario: waits for them, measures their lateness (arrival minus
 * fire time), and at the end of the run counts the ones lost (never arrived) and doubled (arrived more than once,
 * by {@code webhook-id}).
 */
final class Deliveries {

    /** A timer expected at the receiver: its id (the {@code webhook-id}) and fire time. */
    record Expected(String id, long fireAtMicros) {}

    /** How a set of expected timers arrived. {@code arrivalsMicros} is sorted. */
    record Outcome(Latency lateness, int lost, int doubled, int early, long[] arrivalsMicros) {

        long firstMicros() {
            return arrivalsMicros.length == 0 ? 0 : arrivalsMicros[0];
        }

        long lastMicros() {
            return arrivalsMicros.length == 0 ? 0 : arrivalsMicros[arrivalsMicros.length - 1];
        }

        Map<String, Object> json() {
            var out = new LinkedHashMap<String, Object>();
            out.put("lateness", lateness.summary());
            out.put("lost", lost);
            out.put("doubled", doubled);
            out.put("early", early);
            return out;
        }
    }

    private final Receiver receiver;
    private final Map<String, List<Expected>> byScenario = new LinkedHashMap<>();

    Deliveries(Receiver receiver) {
        this.receiver = receiver;
    }

    static List<Expected> of(List<String> ids, List<TimerSpec> specs) {
        List<Expected> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            java.time.Instant fireAt = specs.get(i).fireAt();
            out.add(new Expected(ids.get(i), fireAt.getEpochSecond() * 1_000_000L + fireAt.getNano() / 1_000));
        }
        return out;
    }

    synchronized void expect(String scenario, List<Expected> timers) {
        byScenario.computeIfAbsent(scenario, key -> new ArrayList<>()).addAll(timers);
    }

    /** Waits until all of {@code timers} arrived or {@code timeout} passed, saying how far it got. */
    Outcome await(String label, List<Expected> timers, Duration timeout, Progress progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastSaid = System.nanoTime();
        while (true) {
            int arrived = arrived(timers);
            if (arrived == timers.size()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                progress.say("  %s: gave up waiting with %,d of %,d arrived", label, arrived, timers.size());
                break;
            }
            if (System.nanoTime() - lastSaid > Duration.ofSeconds(5).toNanos()) {
                progress.say("  %s: %,d of %,d delivered", label, arrived, timers.size());
                lastSaid = System.nanoTime();
            }
            Thread.sleep(50);
        }
        return outcome(timers);
    }

    int arrived(List<Expected> timers) {
        int arrived = 0;
        for (Expected timer : timers) {
            if (receiver.hits(timer.id()) != null) {
                arrived++;
            }
        }
        return arrived;
    }

    Outcome outcome(List<Expected> timers) {
        Latency lateness = new Latency();
        int lost = 0, doubled = 0, early = 0;
        long[] arrivals = new long[timers.size()];
        int n = 0;
        for (Expected timer : timers) {
            Receiver.Hits hits = receiver.hits(timer.id());
            if (hits == null) {
                lost++;
                continue;
            }
            if (hits.count.get() > 1) {
                doubled++;
            }
            long late = hits.firstMicros - timer.fireAtMicros();
            if (late < 0) {
                early++;
            }
            lateness.recordMicros(late);
            arrivals[n++] = hits.firstMicros;
        }
        long[] sorted = Arrays.copyOf(arrivals, n);
        Arrays.sort(sorted);
        return new Outcome(lateness, lost, doubled, early, sorted);
    }

    /** Lost and doubled per scenario over the whole run, read at its end. */
    synchronized Map<String, Map<String, Integer>> tally() {
        var out = new LinkedHashMap<String, Map<String, Integer>>();
        byScenario.forEach((scenario, timers) -> {
            Outcome outcome = outcome(timers);
            out.put(scenario, Map.of("expected", timers.size(), "lost", outcome.lost(), "doubled", outcome.doubled()));
        });
        return out;
    }
}
