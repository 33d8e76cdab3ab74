package dev.timers.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * Turns the time of a request into the instant a timer fires, refusing what is not exactly one usable time: a
 * delay of at least one second and at most {@code timers.api.max-delay}, or a {@code fireAt} no further ahead
 * than that and no more than {@code fire-at-grace} in the past (then it is due now).
 */
@Component
class FireTimes {

    private final Duration maxDelay;
    private final Duration grace;
    private final Clock clock;

    FireTimes(ApiProperties properties, Clock clock) {
        this.maxDelay = properties.maxDelay();
        this.grace = properties.limits().fireAtGrace();
        this.clock = clock;
    }

    /** The form a time was given in, for metrics: {@code classic}, {@code delay} or {@code fireAt}. */
    static String formOf(TimeRequest time) {
        return time.fireAt() != null ? "fireAt" : time.delay() != null ? "delay" : "classic";
    }

    /** When the timer fires; a violation is added to {@code violations} and null returned if the time is unusable. */
    Instant fireAt(TimeRequest time, Violations violations) {
        int forms = (time.isClassic() ? 1 : 0) + (time.delay() != null ? 1 : 0) + (time.fireAt() != null ? 1 : 0);
        if (forms != 1) {
            violations.add(
                    forms == 0 ? "fireAt" : "time",
                    (forms == 0 ? "no time given" : "more than one time given")
                            + ": say when with exactly one of hours/minutes/seconds, delay or fireAt");
            return null;
        }
        Instant now = clock.instant();
        if (time.fireAt() != null) {
            return absolute(time.fireAt(), now, violations);
        }
        Duration delay = time.delay() != null ? parseDelay(time.delay(), violations) : classic(time, violations);
        if (delay == null) {
            return null;
        }
        // The field the client gave: a classic time names its largest unit, the one that most likely overshot.
        String field = time.delay() != null ? "delay" : largestClassicUnit(time);
        if (delay.compareTo(Duration.ofSeconds(1)) < 0) {
            violations.add(field, field + ": the delay must be at least one second");
            return null;
        }
        if (delay.compareTo(maxDelay) > 0) {
            violations.add(field, field + ": " + tooFar());
            return null;
        }
        return now.plus(delay);
    }

    private Instant absolute(String text, Instant now, Violations violations) {
        Instant at;
        try {
            // An offset is required: a local time would mean something else to every server.
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(
                    "fireAt",
                    "fireAt: '" + Violations.abbreviate(text) + "' is not an ISO-8601 instant with an offset,"
                            + " such as 2030-01-01T09:00:00Z");
            return null;
        }
        if (at.isBefore(now.minus(grace))) {
            violations.add("fireAt", "fireAt: " + at + " is in the past (more than " + grace.toSeconds() + " s ago)");
            return null;
        }
        if (Duration.between(now, at).compareTo(maxDelay) > 0) {
            violations.add("fireAt", "fireAt: " + tooFar());
            return null;
        }
        return at.isBefore(now) ? now : at;
    }

    private static Duration parseDelay(String text, Violations violations) {
        try {
            Duration delay = Duration.parse(text);
            if (!delay.isNegative()) {
                return delay;
            }
        } catch (DateTimeParseException e) {
            // Reported below, as for a negative delay.
        }
        violations.add(
                "delay",
                "delay: '" + Violations.abbreviate(text) + "' is not a non-negative ISO-8601 duration such as"
                        + " PT30S, PT1H30M or P2DT3H");
        return null;
    }

    private static Duration classic(TimeRequest time, Violations violations) {
        boolean valid = nonNegative("hours", time.hours(), violations)
                & nonNegative("minutes", time.minutes(), violations)
                & nonNegative("seconds", time.seconds(), violations);
        if (!valid) {
            return null;
        }
        try {
            long total = Math.addExact(
                    Math.addExact(
                            Math.multiplyExact(orZero(time.hours()), 3600L),
                            Math.multiplyExact(orZero(time.minutes()), 60L)),
                    orZero(time.seconds()));
            return Duration.ofSeconds(total);
        } catch (ArithmeticException e) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
    }

    private static String largestClassicUnit(TimeRequest time) {
        return time.hours() != null ? "hours" : time.minutes() != null ? "minutes" : "seconds";
    }

    private static boolean nonNegative(String field, Long value, Violations violations) {
        if (value != null && value < 0) {
            violations.add(field, field + " must be greater than or equal to 0");
            return false;
        }
        return true;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private String tooFar() {
        return "the delay must be at most " + maxDelay.toDays() + " days (" + maxDelay + ")";
    }
}
