package dev.timers.core.timer;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a client chose about a timer beyond its target and time.
 *
 * @param metadata the client's own labels: stored and shown, never sent to the target
 * @param retry how the timer retries after a retryable failure
 * @param skipIfLaterThan when set, a timer that an outage made later than this is not called but SKIPPED; when
 *     null, an overdue timer fires however late it is
 */
public record TimerOptions(Map<String, String> metadata, RetryRule retry, Duration skipIfLaterThan) {

    /** No metadata, the consumer's retries, fire however late. */
    public static final TimerOptions DEFAULT = new TimerOptions(Map.of(), RetryRule.CONSUMER_DEFAULT, null);

    public TimerOptions {
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metadata));
        Objects.requireNonNull(retry, "retry");
    }

    /** The lateness beyond which the timer is skipped, if there is one. */
    public Optional<Duration> skipLimit() {
        return Optional.ofNullable(skipIfLaterThan);
    }

    /** Whether a turn due at {@code fireAt} and taken at {@code now} is too late to be made at all. */
    public boolean tooLate(Instant fireAt, Instant now) {
        return skipIfLaterThan != null && Duration.between(fireAt, now).compareTo(skipIfLaterThan) > 0;
    }
}
