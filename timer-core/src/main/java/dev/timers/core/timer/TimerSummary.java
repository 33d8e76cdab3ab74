package dev.timers.core.timer;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a list shows of a timer: never its body or headers, which may be large, so a page of them stays small
 * whatever the timers send. The timer itself is read by id.
 *
 * @param id the timer's id
 * @param status where the timer is in its life
 * @param fireAt when it is due (or was)
 * @param url the target
 * @param method the method the target is called with
 * @param metadata the client's labels
 * @param createdAt when it was created
 * @param deliveredAt when the call that succeeded started, or null
 * @param lastError why the last call failed (or why it was skipped), or null
 * @param attemptCount how many calls were made, or null when the store does not know without reading the
 *     attempts (a timer last called before the count was kept)
 */
public record TimerSummary(
        UUID id,
        TimerStatus status,
        Instant fireAt,
        URI url,
        String method,
        Map<String, String> metadata,
        Instant createdAt,
        Instant deliveredAt,
        String lastError,
        Integer attemptCount) {

    public TimerSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fireAt, "fireAt");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(createdAt, "createdAt");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    /** The summary of a whole timer. */
    public static TimerSummary of(Timer timer) {
        return new TimerSummary(
                timer.id(),
                timer.status(),
                timer.fireAt(),
                timer.url(),
                timer.request().method(),
                timer.options().metadata(),
                timer.createdAt(),
                timer.deliveredAt(),
                timer.lastError(),
                timer.attempts().size());
    }

    public Duration timeLeft(Instant now) {
        Duration left = Duration.between(now, fireAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** How long after its fire time the successful call started; empty until delivered. */
    public Optional<Duration> lateness() {
        return Optional.ofNullable(deliveredAt).map(delivered -> Duration.between(fireAt, delivered));
    }

    public OptionalInt attempts() {
        return attemptCount == null ? OptionalInt.empty() : OptionalInt.of(attemptCount);
    }
}
