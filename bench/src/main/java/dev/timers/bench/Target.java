package dev.timers.bench;

/** One of the benchmark's targets and where the run stands: met, missed, or unknown when the figure is missing. */
record Target(String what, String measured, Boolean met) {

    static Target atMost(String what, String key, Object value, double limit) {
        Double v = value instanceof Number n ? n.doubleValue() : null;
        return new Target(what, key + " = " + value, v == null ? null : v <= limit);
    }

    static Target atLeast(String what, String key, Object value, double limit) {
        Double v = value instanceof Number n ? n.doubleValue() : null;
        return new Target(what, key + " = " + value, v == null ? null : v >= limit);
    }

    String verdict() {
        return met == null ? "unknown" : met ? "met" : "missed";
    }
}
