package dev.timers.core.delay;

import dev.timers.core.store.DueTimers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a timer's wake-up into the delayed exchange after its item was marked as enqueued for that fire time.
 * If the broker does not confirm, the mark is taken back so the feeder's next sweep tries again; if even that
 * fails (the store went down too), the rescuer still finds the timer once it is overdue.
 */
public class WakeUps {

    private static final Logger log = LoggerFactory.getLogger(WakeUps.class);

    private final DelayedPublisher publisher;
    private final DueTimers dueTimers;
    private final Clock clock;
    private final Duration horizon;

    public WakeUps(DelayedPublisher publisher, DueTimers dueTimers, Clock clock, Duration horizon) {
        this.publisher = publisher;
        this.dueTimers = dueTimers;
        this.clock = clock;
        this.horizon = horizon;
    }

    /**
     * Whether a timer due at {@code fireAt} goes into the broker now; a later one waits in the store until the
     * feeder moves it in.
     */
    public boolean withinHorizon(Instant fireAt) {
        return Duration.between(clock.instant(), fireAt).compareTo(horizon) <= 0;
    }

    /**
     * Publishes the wake-up of {@code owner}'s timer already marked as enqueued for {@code fireAt}; {@code owner}
     * may be {@code null} when the caller does not know it.
     */
    public PublishOutcome publish(UUID id, String owner, Instant fireAt) {
        return publish(id, owner, fireAt, fireAt);
    }

    /**
     * Sends a wake-up round again, unchanged, to arrive at {@code deliverAt}, and changes nothing in the store: for
     * a wake-up that came while its timer could not be called yet and was left unclaimed. On anything but a
     * confirm the caller still holds the original message and must handle it as if this had not been tried.
     */
    public PublishOutcome postpone(DueTimerMessage message, Instant deliverAt) {
        return publisher.publish(message, deliverAt);
    }

    /**
     * Publishes the wake-up of {@code owner}'s timer already marked as enqueued for {@code fireAt}, to arrive at
     * {@code deliverAt} (a timer that could not be called yet, and should come back a little later).
     */
    public PublishOutcome publish(UUID id, String owner, Instant fireAt, Instant deliverAt) {
        PublishOutcome outcome = publisher.publish(new DueTimerMessage(id, fireAt, owner), deliverAt);
        if (!outcome.confirmed()) {
            try {
                dueTimers.unmarkEnqueued(id, fireAt);
            } catch (RuntimeException e) {
                log.warn("Timer {}: could not take back its enqueued mark; the rescuer will fire it", id, e);
            }
        }
        return outcome;
    }
}
