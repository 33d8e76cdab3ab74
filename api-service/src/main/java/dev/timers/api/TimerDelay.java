package dev.timers.api;

import java.time.Duration;

/** Turns the hours, minutes and seconds of a request into one delay, refusing what is not a usable one. */
final class TimerDelay {

    private TimerDelay() {}

    static Duration of(CreateTimerRequest request, Duration maxDelay) {
        Duration delay;
        try {
            long total = Math.addExact(
                    Math.addExact(
                            Math.multiplyExact(orZero(request.hours()), 3600L),
                            Math.multiplyExact(orZero(request.minutes()), 60L)),
                    orZero(request.seconds()));
            delay = Duration.ofSeconds(total);
        } catch (ArithmeticException e) {
            throw tooLong(maxDelay);
        }
        if (delay.isZero()) {
            throw new InvalidTimerException("delay", "the delay must be at least one second");
        }
        if (delay.compareTo(maxDelay) > 0) {
            throw tooLong(maxDelay);
        }
        return delay;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static InvalidTimerException tooLong(Duration maxDelay) {
        return new InvalidTimerException(
                "delay", "the delay must be at most " + maxDelay.toDays() + " days (" + maxDelay + ")");
    }
}
