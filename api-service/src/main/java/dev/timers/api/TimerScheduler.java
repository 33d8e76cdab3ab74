package dev.timers.api;

import dev.timers.api.auth.Caller;
import dev.timers.core.store.IdempotencyKeys;
import dev.timers.core.store.PendingTimers;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.timer.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * Creates timers: the store first, because it is the truth; then, for a timer due within the horizon, a
 * message in the delayed exchange to wake a consumer on time, handed to {@link WakeUpHandOff} so the request
 * never waits for the broker. Later timers are moved into the exchange when they enter the horizon.
 */
@Service
class TimerScheduler {

    private static final Logger log = LoggerFactory.getLogger(TimerScheduler.class);

    private final TimerRepository repository;
    private final IdempotencyKeys keys;
    private final PendingTimers pending;
    private final ApiProperties properties;
    private final WakeUpHandOff wakeUps;
    private final Clock clock;
    private final MeterRegistry meters;

    TimerScheduler(
            TimerRepository repository,
            IdempotencyKeys keys,
            PendingTimers pending,
            ApiProperties properties,
            WakeUpHandOff wakeUps,
            Clock clock,
            MeterRegistry meters) {
        this.repository = repository;
        this.keys = keys;
        this.pending = pending;
        this.properties = properties;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.meters = meters;
    }

    /** What a create came to: a new timer, or the one an earlier request with the same key made. */
    sealed interface Creation {

        Timer timer();

        record Created(Timer timer) implements Creation {}

        record Repeated(Timer timer) implements Creation {}
    }

    /** Creates the caller's timer. */
    Timer schedule(Caller caller, NewTimer draft) {
        requireRoomFor(caller, 1);
        return schedule(draft, timerOf(caller, draft, UUID.randomUUID()));
    }

    /**
     * Creates the caller's timer once per {@code key}: a repeat of the same request ({@code fingerprint}) within
     * the key's lifetime gets the timer the first one made, whatever became of it since.
     *
     * @throws IdempotencyKeyReusedException when the key was used for a different request
     */
    Creation schedule(Caller caller, NewTimer draft, String key, String fingerprint) {
        Instant now = clock.instant();
        var proposed = new IdempotencyKeys.Reservation(UUID.randomUUID(), fingerprint, draft.fireAt(), now);
        return switch (keys.take(caller.owner(), key, proposed, now)) {
            case IdempotencyKeys.Outcome.Taken taken -> {
                try {
                    requireRoomFor(caller, 1);
                } catch (TooManyPendingTimersException e) {
                    // Refused, so the key stands for nothing: a repeat later, with room, may create the timer.
                    keys.release(caller.owner(), key, taken.reservation());
                    throw e;
                }
                yield new Creation.Created(schedule(draft, timerOf(caller, draft, taken.reservation())));
            }
            case IdempotencyKeys.Outcome.Repeated repeated -> new Creation.Repeated(earlier(caller, draft, repeated));
            case IdempotencyKeys.Outcome.Conflict conflict -> throw new IdempotencyKeyReusedException();
        };
    }

    /**
     * The timer an earlier request with the same key made. If that request stopped between taking the key and
     * writing the timer, this one writes it: from the same request and the times the key fixed, so it is the
     * same timer whichever request's write lands.
     */
    private Timer earlier(Caller caller, NewTimer draft, IdempotencyKeys.Outcome.Repeated repeated) {
        var reservation = repeated.reservation();
        return repository
                .find(reservation.timerId())
                .orElseGet(() -> schedule(draft, timerOf(caller, draft, reservation)));
    }

    /** A new timer of the caller from {@code draft}, created now. */
    Timer timerOf(Caller caller, NewTimer draft, UUID id) {
        return timerOf(caller, draft, id, draft.fireAt(), clock.instant());
    }

    private static Timer timerOf(Caller caller, NewTimer draft, IdempotencyKeys.Reservation reservation) {
        return timerOf(caller, draft, reservation.timerId(), reservation.fireAt(), reservation.createdAt());
    }

    private static Timer timerOf(Caller caller, NewTimer draft, UUID id, Instant fireAt, Instant now) {
        return Timer.schedule(id, draft.url(), draft.request(), draft.options(), fireAt, now, caller.owner());
    }

    /**
     * Refuses creates that would take the caller past {@code timers.api.max-pending-per-owner} pending timers.
     * The count is read from an eventually consistent index before the write, so creates made at the same moment
     * all see the same count: a soft cap that they may pass by their number.
     */
    void requireRoomFor(Caller caller, int more) {
        if (!properties.capsPendingTimers()) {
            return;
        }
        long max = properties.maxPendingPerOwner();
        if (pending.countUpTo(caller.owner(), max) + more > max) {
            log.info("Owner {} is at its cap of {} pending timers", caller.owner(), max);
            throw new TooManyPendingTimersException(max);
        }
    }

    /** Writes a timer the caller has room for, then hands over its wake-up if it is due within the horizon. */
    Timer schedule(NewTimer draft, Timer timer) {
        try (var ignored = MDC.putCloseable("timerId", timer.id().toString())) {
            boolean soon = wakeUps.withinHorizon(timer.fireAt());
            repository.create(timer, soon);
            if (soon) {
                wakeUps.publish(timer.id(), timer.owner(), timer.fireAt());
            }
            meters.counter("timers.accepted", "form", draft.form()).increment();
            return timer;
        }
    }
}
