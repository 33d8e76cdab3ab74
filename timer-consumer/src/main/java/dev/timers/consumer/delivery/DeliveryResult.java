package dev.timers.consumer.delivery;

import dev.timers.core.timer.Attempt;
import java.time.Duration;
import java.util.Optional;

/** What one turn at a timer's target came to, with the attempt to record. */
sealed interface DeliveryResult {

    Attempt attempt();

    /** The target answered 2xx. */
    record Delivered(Attempt attempt) implements DeliveryResult {}

    /**
     * A failure worth another try: 408, 429, 5xx, a timeout, a connection error, or a host whose circuit is
     * open, so that it was not called at all.
     */
    record Retry(Attempt attempt, String reason, Optional<Duration> retryAfter) implements DeliveryResult {}

    /**
     * A failure another try will not mend: 3xx (redirects are not followed), 410 and the other 4xx, or a target
     * the target guard refuses (then it was not called, and the attempt has no status).
     */
    record Failed(Attempt attempt, String reason) implements DeliveryResult {}
}
