package dev.timers.api;

import dev.timers.api.TimerConflictException.Change;
import dev.timers.api.auth.Caller;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * A client's changes to an existing timer: cancel, a new fire time, replay. Each is one conditional write that
 * wins only against the state it was allowed from; only the owner can make one, and since the owner never
 * changes, checking it before the write is enough.
 *
 * <p>A timer seen SCHEDULED after a lost write was firing a moment ago and is back for a retry, so a lost write
 * is tried again a few times before the client is told of the conflict.
 */
@Service
class TimerChanges {

    private static final Logger log = LoggerFactory.getLogger(TimerChanges.class);
    private static final int TRIES = 3;

    private final TimerRepository repository;
    private final OwnedTimers owned;
    private final WakeUpHandOff wakeUps;
    private final TimerLimits limits;
    private final Clock clock;

    TimerChanges(
            TimerRepository repository,
            OwnedTimers owned,
            WakeUpHandOff wakeUps,
            ApiProperties properties,
            Clock clock) {
        this.repository = repository;
        this.owned = owned;
        this.wakeUps = wakeUps;
        this.limits = properties.limits();
        this.clock = clock;
    }

    /**
     * Cancels a timer that has not started firing. Cancelling a cancelled timer again succeeds, so a client may
     * safely repeat the request; one that is firing or finished cannot be cancelled.
     */
    void cancel(Caller caller, UUID id) {
        change(caller, id, Change.CANCEL, timer -> timer.status() == TimerStatus.CANCELLED, timer -> {
            requireStatus(timer, TimerStatus.SCHEDULED, Change.CANCEL);
            return repository.cancel(id);
        });
        log.info("Timer {} cancelled", id);
    }

    /** Gives a waiting timer a new fire time; a wake-up already in the broker for the old one is dropped. */
    Timer reschedule(Caller caller, UUID id, Instant fireAt) {
        boolean soon = wakeUps.withinHorizon(fireAt);
        Timer moved = change(caller, id, Change.RESCHEDULE, timer -> false, timer -> {
            requireStatus(timer, TimerStatus.SCHEDULED, Change.RESCHEDULE);
            return repository.changeFireTime(id, fireAt, soon);
        });
        log.info("Timer {} rescheduled for {}", id, fireAt);
        if (soon) {
            wakeUps.publish(id, moved.owner(), fireAt);
        }
        return moved;
    }

    /** Makes a FAILED or SKIPPED timer due again now, with a fresh round of retries. */
    Timer replay(Caller caller, UUID id) {
        Instant now = clock.instant();
        Timer replayed = change(caller, id, Change.REPLAY, timer -> false, timer -> {
            if (!timer.status().isReplayable()) {
                throw new TimerConflictException(Change.REPLAY, timer);
            }
            if (timer.attempts().size() >= limits.maxAttemptsKept()) {
                throw new TimerConflictException(
                        Change.REPLAY,
                        timer,
                        "it has made " + timer.attempts().size() + " calls, the most a timer keeps");
            }
            return repository.replay(timer, now, true);
        });
        log.info("Timer {} replayed", id);
        wakeUps.publish(id, replayed.owner(), now);
        return replayed;
    }

    /**
     * Reads the caller's timer and tries {@code write}; a write lost to a concurrent change is tried again on a
     * fresh read. {@code alreadyDone} says when a fresh read shows the change made by someone else.
     */
    private Timer change(
            Caller caller,
            UUID id,
            Change change,
            Predicate<Timer> alreadyDone,
            Function<Timer, Optional<Timer>> write) {
        try (var ignored = MDC.putCloseable("timerId", id.toString())) {
            for (int tries = 0; tries < TRIES; tries++) {
                Timer current = owned.require(caller, id);
                if (alreadyDone.test(current)) {
                    return current;
                }
                Optional<Timer> written = write.apply(current);
                if (written.isPresent()) {
                    return written.get();
                }
            }
            throw new TimerConflictException(change, owned.require(caller, id));
        }
    }

    private static void requireStatus(Timer timer, TimerStatus wanted, Change change) {
        if (timer.status() != wanted) {
            throw new TimerConflictException(change, timer);
        }
    }
}
