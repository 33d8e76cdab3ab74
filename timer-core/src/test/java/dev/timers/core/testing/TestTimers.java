package dev.timers.core.testing;

import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Timers for tests. */
public final class TestTimers {

    public static final URI TARGET = URI.create("http://127.0.0.1:9/hook");

    private TestTimers() {}

    public static Timer dueIn(Duration delay, Instant now) {
        return Timer.schedule(TARGET, now.plus(delay), now);
    }

    /**
     * {@code timer} with {@code count} failed calls on record (503s, one a second before its fire time), the
     * last {@code count - replayedAfter} of them in the round since it was last replayed.
     */
    public static Timer afterFailedCalls(Timer timer, int count, int replayedAfter) {
        List<Attempt> attempts = new ArrayList<>();
        for (int i = count; i > 0; i--) {
            attempts.add(attempt(timer.fireAt().minusSeconds(i), 503));
        }
        return new Timer(
                timer.id(),
                timer.status(),
                timer.fireAt(),
                timer.url(),
                timer.request(),
                timer.options(),
                timer.createdAt(),
                timer.owner(),
                timer.version(),
                timer.leaseUntil(),
                timer.deliveredAt(),
                count == 0 ? null : "HTTP 503",
                attempts,
                timer.rescues(),
                replayedAfter);
    }

    /** A call that started at {@code at}, took 10 ms and got {@code status}. */
    public static Attempt attempt(Instant at, int status) {
        return new Attempt(at, status, status / 100 == 2 ? null : "HTTP " + status, Duration.ofMillis(10));
    }
}
