package dev.timers.api.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per API key name (Bucket4j), in this instance's memory. The number of buckets is bounded
 * by the configured keys (plus the anonymous one when authentication is off), since only authenticated
 * callers get this far.
 */
public final class RateLimiter {

    /** Whether a request may go on. */
    public sealed interface Decision {}

    /** It may. */
    public record Allowed() implements Decision {}

    /** It may not; a token will be there after {@code retryAfter}. */
    public record Limited(Duration retryAfter) implements Decision {

        /** {@code retryAfter} in whole seconds, rounded up and at least 1: the {@code Retry-After} value. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toNanos() + 999_999_999L) / 1_000_000_000L);
        }
    }

    private final RateLimitProperties properties;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitProperties properties, Clock clock) {
        this.properties = properties;
        this.time = new ClockTimeMeter(clock);
    }

    /** Takes one token from {@code key}'s bucket, if there is one. */
    public Decision tryAcquire(String key) {
        return tryAcquire(key, 1);
    }

    /**
     * Takes {@code tokens} from {@code key}'s bucket at once, or none. Never more than the bucket holds when full,
     * so that a request costing more than a burst is not refused for ever.
     */
    public Decision tryAcquire(String key, long tokens) {
        long cost = Math.min(tokens, properties.burst());
        if (cost <= 0) {
            return new Allowed();
        }
        var probe = buckets.computeIfAbsent(key, ignored -> newBucket()).tryConsumeAndReturnRemaining(cost);
        return probe.isConsumed() ? new Allowed() : new Limited(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit ->
                        limit.capacity(properties.burst()).refillGreedy(properties.rate(), properties.period()))
                .withCustomTimePrecision(time)
                .build();
    }

    /** The buckets read time from the injected clock, like the rest of the service. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            var now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
