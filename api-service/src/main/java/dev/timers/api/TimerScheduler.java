package dev.timers.api;

import dev.timers.api.auth.Caller;
import dev.timers.core.delay.WakeUps;
import dev.timers.core.store.PendingTimers;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * Creates timers: the store first, because it is the truth; then, for a timer due within the horizon, a
 * message in the delayed exchange to wake a consumer on time. Later timers are moved into the exchange when
 * they enter the horizon.
 */
@Service
class TimerScheduler {

    private static final Logger log = LoggerFactory.getLogger(TimerScheduler.class);

    private final TimerRepository repository;
    private final OwnedTimers owned;
    private final PendingTimers pending;
    private final ApiProperties properties;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final Counter created;

    TimerScheduler(
            TimerRepository repository,
            OwnedTimers owned,
            PendingTimers pending,
            ApiProperties properties,
            WakeUps wakeUps,
            Clock clock,
            MeterRegistry meters) {
        this.repository = repository;
        this.owned = owned;
        this.pending = pending;
        this.properties = properties;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.created = meters.counter("timers.accepted", "form", "classic");
    }

    Timer schedule(Caller caller, URI url, Duration delay) {
        requireRoomFor(caller);
        Instant now = clock.instant();
        Timer timer = Timer.schedule(url, now.plus(delay), now, caller.owner());
        try (var ignored = MDC.putCloseable("timerId", timer.id().toString())) {
            return schedule(timer);
        }
    }

    /**
     * Refuses a create once the caller has {@code timers.api.max-pending-per-owner} pending timers. The count
     * is read from an eventually consistent index before the write, so creates made at the same moment all see
     * the same count: a soft cap that they may pass by their number.
     */
    private void requireRoomFor(Caller caller) {
        if (!properties.capsPendingTimers()) {
            return;
        }
        long max = properties.maxPendingPerOwner();
        if (pending.countUpTo(caller.owner(), max) >= max) {
            log.info("Owner {} is at its cap of {} pending timers", caller.owner(), max);
            throw new TooManyPendingTimersException(max);
        }
    }

    private Timer schedule(Timer timer) {
        boolean soon = wakeUps.withinHorizon(timer.fireAt());
        repository.create(timer, soon);
        if (soon) {
            wakeUps.publish(timer.id(), timer.fireAt());
        }
        created.increment();
        return timer;
    }

    /** The caller's timer; another owner's is not found. */
    Timer find(Caller caller, UUID id) {
        return owned.require(caller, id);
    }

    /**
     * Cancels a timer that has not started firing. Cancelling a cancelled timer again succeeds, so a client
     * may safely repeat the request; one that is firing or finished cannot be cancelled. Only the owner can
     * cancel a timer; the owner never changes, so checking it before the write is enough.
     */
    void cancel(Caller caller, UUID id) {
        try (var ignored = MDC.putCloseable("timerId", id.toString())) {
            // A timer seen SCHEDULED after a failed cancel was firing a moment ago and is back for a retry.
            for (int tries = 0; tries < 3; tries++) {
                Timer current = owned.require(caller, id);
                if (current.status() == TimerStatus.CANCELLED) {
                    return;
                }
                if (current.status() != TimerStatus.SCHEDULED) {
                    throw new TimerNotCancellableException(current);
                }
                if (repository.cancel(id).isPresent()) {
                    log.info("Timer {} cancelled", id);
                    return;
                }
            }
            throw new TimerNotCancellableException(owned.require(caller, id));
        }
    }
}
