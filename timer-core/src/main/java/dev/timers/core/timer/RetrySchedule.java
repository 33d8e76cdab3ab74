package dev.timers.core.timer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How long to wait before each further call after a retryable failure: the n-th entry is the wait after the n-th
 * failed call, so a schedule of k entries allows k + 1 calls in all. A timer that still fails after the last
 * entry ends FAILED.
 *
 * <p>The consumer has one schedule for every timer; the type lives here so that a timer can carry its own.
 *
 * @param delays the waits, in order; none negative
 */
public record RetrySchedule(List<Duration> delays) {

    /**
     * The schedule Standard Webhooks recommends: calls at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and
     * 10 h, about 27.5 hours in all.
     */
    public static final RetrySchedule STANDARD_WEBHOOKS = new RetrySchedule(List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10)));

    public RetrySchedule {
        delays = List.copyOf(Objects.requireNonNull(delays, "delays"));
        if (delays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("A retry schedule cannot hold a negative wait: " + delays);
        }
    }

    /** Calls in all, the first one included. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * @param attemptsMade calls made so far, the one that just failed included
     * @return the wait before the next call, or empty when the schedule is spent
     */
    public Optional<Duration> waitAfter(int attemptsMade) {
        if (attemptsMade < 1 || attemptsMade > delays.size()) {
            return Optional.empty();
        }
        return Optional.of(delays.get(attemptsMade - 1));
    }

    /** The sum of all waits: how long after its first call a timer can still be called, jitter aside. */
    public Duration span() {
        return delays.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
