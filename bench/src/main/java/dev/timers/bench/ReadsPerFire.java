package dev.timers.bench;

/** Items the store read per timer fired over a window, from the two counters' deltas; null when either is absent. */
final class ReadsPerFire {

    private ReadsPerFire() {}

    static Double of(Double readsBefore, Double readsAfter, Double firedBefore, Double firedAfter) {
        if (readsBefore == null || readsAfter == null || firedBefore == null || firedAfter == null) {
            return null;
        }
        return Numbers.ratio(readsAfter - readsBefore, firedAfter - firedBefore);
    }
}
