package dev.timers.core.testing;

/**
 * How many timers the heavy tests use: a smaller number in {@code ./test.sh}, the full one from
 * {@code ./test.sh -Dtimers.test.full=true -pl system-tests -am}.
 */
public final class Scale {

    private Scale() {}

    public static int of(int small, int full) {
        return Boolean.getBoolean("timers.test.full") ? full : small;
    }
}
