package dev.timers.core.delay;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * What travels through the delayed exchange: which timer is due, and for which fire time. The fire time lets
 * the consumer tell a current message from a stale one left over from an earlier schedule of the same timer.
 *
 * @param id the timer
 * @param fireAt the fire time the message was published for
 * @param owner the timer's owner, so a consumer can take turns between owners before it reads the timer;
 *     {@code null} when the publisher did not know it (the feeder's sweep, messages from before owners were
 *     sent): only a hint for the order of claims, never trusted for anything else
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DueTimerMessage(UUID id, Instant fireAt, String owner) {

    /** A wake-up whose owner the publisher does not know. */
    public DueTimerMessage(UUID id, Instant fireAt) {
        this(id, fireAt, null);
    }
}
