package dev.timers.core.testing;

import dev.timers.core.timer.Attempt;
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

    /** A call that started at {@code at}, took 10 ms and got {@code status}. */
    public static Attempt attempt(Instant at, int status) {
        return new Attempt(at, status, status / 100 == 2 ? null : "HTTP " + status, Duration.ofMillis(10));
    }
}
