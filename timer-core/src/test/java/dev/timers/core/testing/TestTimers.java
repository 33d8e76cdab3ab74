package dev.timers.core.testing;

import dev.timers.core.timer.Timer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** Timers for tests. */
public final class TestTimers {

    public static final URI TARGET = URI.create("http://127.0.0.1:9/hook");

    private TestTimers() {}

    public static Timer dueIn(Duration delay, Instant now) {
        return Timer.schedule(TARGET, now.plus(delay), now);
    }
}
