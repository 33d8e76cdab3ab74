package dev.timers.core.delay;

import java.time.Duration;

/**
 * A delay as the broker takes it: whole milliseconds, rounded up so no part of a millisecond is lost, within
 * bounds.
 */
final class DelayMillis {

    private DelayMillis() {}

    static long roundedUp(Duration delay, long maxMillis) {
        long wholeMillis = delay.toMillis() + (delay.toNanosPart() % 1_000_000 > 0 ? 1 : 0);
        return Math.clamp(wholeMillis, 0, maxMillis);
    }
}
