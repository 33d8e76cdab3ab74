package dev.timers.bench;

/** Rounding for the JSON: NaN and infinities become null, which JSON can carry. */
final class Numbers {

    private Numbers() {}

    static Double round1(double value) {
        return Double.isFinite(value) ? Math.round(value * 10) / 10.0 : null;
    }

    static Double round2(double value) {
        return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : null;
    }

    static Double round3(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : null;
    }

    static Double ratio(Number numerator, Number denominator) {
        if (numerator == null || denominator == null || denominator.doubleValue() == 0) {
            return null;
        }
        return round3(numerator.doubleValue() / denominator.doubleValue());
    }
}
