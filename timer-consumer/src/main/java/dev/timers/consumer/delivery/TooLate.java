package dev.timers.consumer.delivery;

import dev.timers.core.timer.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A client's {@code skipIfLaterThan}: a turn found later than that after its fire time (an outage, a stopped
 * consumer) is not made. A timer late but within its limit fires as usual.
 */
final class TooLate {

    private TooLate() {}

    /**
     * @param claimed the timer as claimed for this turn
     * @param now when it was claimed
     * @return the reason to record when the turn is too late to be made, e.g. {@code skipped: found 12m3s after
     *     its fire time, later than the 10m its client allows}; empty when it may be made
     */
    static Optional<String> reason(Timer claimed, Instant now) {
        if (!claimed.options().tooLate(claimed.fireAt(), now)) {
            return Optional.empty();
        }
        Duration late = Duration.between(claimed.fireAt(), now);
        Duration limit = claimed.options().skipLimit().orElseThrow();
        return Optional.of("skipped: found " + brief(late) + " after its fire time, later than the " + brief(limit)
                + " its client allows");
    }

    /** {@code 2d3h}, {@code 12m3s}, {@code 10m}, {@code 1s500ms}, {@code 0s}: milliseconds only below a minute. */
    static String brief(Duration duration) {
        if (duration.compareTo(Duration.ofMinutes(1)) >= 0) {
            duration = duration.truncatedTo(ChronoUnit.SECONDS);
        }
        var text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.isEmpty() ? "0s" : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
