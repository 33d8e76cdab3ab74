package dev.timers.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Latencies in microseconds, up to an hour, three significant digits; read out in milliseconds. */
final class Latency {

    private final Histogram histogram = new Histogram(3_600_000_000L, 3);

    synchronized void recordMicros(long micros) {
        histogram.recordValue(Math.max(0, Math.min(micros, histogram.getHighestTrackableValue())));
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    synchronized double percentileMs(double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    synchronized double maxMs() {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }

    synchronized Histogram copy() {
        return histogram.copy();
    }

    /** count, p50, p90, p99, p99.9 and max, in milliseconds rounded to 0.1. */
    Map<String, Object> summary() {
        var out = new LinkedHashMap<String, Object>();
        out.put("count", count());
        out.put("p50_ms", Numbers.round1(percentileMs(50)));
        out.put("p90_ms", Numbers.round1(percentileMs(90)));
        out.put("p99_ms", Numbers.round1(percentileMs(99)));
        out.put("p999_ms", Numbers.round1(percentileMs(99.9)));
        out.put("max_ms", Numbers.round1(maxMs()));
        return out;
    }
}
