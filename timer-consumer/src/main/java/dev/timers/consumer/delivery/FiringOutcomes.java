package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.consumer.targets.TargetHost;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.delay.WakeUps;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The writes of one firing: the claim, then its outcome (delivered, failed, retried, skipped, or put back
 * uncalled), each one conditional update by the holder of the claim, logged as a state change. An outcome whose
 * claim was taken over in the meantime is not written.
 */
@Service
class FiringOutcomes {

    private static final Logger log = LoggerFactory.getLogger(FiringOutcomes.class);

    private final TimerRepository repository;
    private final StoreGate store;
    private final WakeUps wakeUps;
    private final FailedTimerNotices notices;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final Duration hostBusyDelay;

    FiringOutcomes(
            TimerRepository repository,
            WakeUps wakeUps,
            FailedTimerNotices notices,
            Clock clock,
            ConsumerProperties consumer,
            ConsumerIdentity identity,
            StoreGate store) {
        this.repository = repository;
        this.store = store;
        this.wakeUps = wakeUps;
        this.notices = notices;
        this.clock = clock;
        this.owner = identity.name();
        this.lease = consumer.lease();
        this.hostBusyDelay = consumer.delivery().hostBusyDelay();
    }

    Optional<Timer> claim(DueTimerMessage message) {
        // The lease starts when the claim is written, not before the wait for the store.
        return store.claim(message.owner(), () -> {
            Instant now = clock.instant();
            return repository.claim(message.id(), message.fireAt(), owner, now, now.plus(lease));
        });
    }

    void delivered(Timer claimed, Attempt attempt) {
        store.callHolding(() -> repository.markDelivered(claimed, attempt), claimed.leaseUntil())
                .ifPresentOrElse(
                        timer -> log.info(
                                "Timer {} delivered (HTTP {}), {} ms after its fire time",
                                timer.id(),
                                attempt.statusCode(),
                                timer.lateness().orElseThrow().toMillis()),
                        () -> lostClaim(claimed, "delivered"));
    }

    void failed(Timer claimed, Attempt attempt, String reason) {
        store.callHolding(() -> repository.markFailed(claimed, attempt, reason), claimed.leaseUntil())
                .ifPresentOrElse(
                        timer -> {
                            log.info("Timer {} failed: {}", timer.id(), reason);
                            notices.send(timer);
                        },
                        () -> lostClaim(claimed, "failed"));
    }

    void retry(Timer claimed, Attempt attempt, String reason, Instant next) {
        boolean soon = wakeUps.withinHorizon(next);
        store.callHolding(() -> repository.reschedule(claimed, attempt, reason, next, soon), claimed.leaseUntil())
                .ifPresentOrElse(
                        timer -> {
                            log.info("Timer {} will be retried at {}: {}", timer.id(), next, reason);
                            if (soon) {
                                wakeUps.publish(timer.id(), timer.owner(), next);
                            }
                        },
                        () -> lostClaim(claimed, "to be retried"));
    }

    /** Records that the timer was found later than its client allows, and was not called. */
    void skipped(Timer claimed, String reason) {
        store.callHolding(() -> repository.markSkipped(claimed, reason), claimed.leaseUntil())
                .ifPresentOrElse(
                        timer -> log.info("Timer {} {}", timer.id(), reason), () -> lostClaim(claimed, "skipped"));
    }

    /**
     * Gives the claim back uncalled because the target host has as many calls in flight as it may: the timer
     * comes back after {@code host-busy-delay} (plus up to half of it at random), with no attempt counted. Says
     * when; empty when the claim had been taken over or the broker did not take the wake-up (the rescuer wakes
     * the timer then).
     */
    Optional<Instant> hostBusy(Timer claimed, TargetHost host) {
        Instant comesBackAt = comeBackAfterHostBusy();
        return putBack(claimed, comesBackAt, host + " has no free place") ? Optional.of(comesBackAt) : Optional.empty();
    }

    private Instant comeBackAfterHostBusy() {
        long jitter = ThreadLocalRandom.current().nextLong(hostBusyDelay.toMillis() / 2 + 1);
        return clock.instant().plus(hostBusyDelay).plusMillis(jitter);
    }

    /**
     * Sends an unclaimed wake-up round again for after {@code host-busy-delay} (plus up to half of it at random),
     * without a store write: its timer waits for a place at a host that is still full. Says when it comes back;
     * empty when the broker did not confirm it, and the message is then still the caller's to handle.
     */
    Optional<Instant> postpone(DueTimerMessage message) {
        Instant comesBackAt = comeBackAfterHostBusy();
        return wakeUps.postpone(message, comesBackAt).confirmed() ? Optional.of(comesBackAt) : Optional.empty();
    }

    /**
     * Sends an unclaimed wake-up round for after {@code wait} (plus up to half of it at random), without a store
     * write: its owner holds its whole share of this consumer. True when the broker took it; otherwise the message
     * is still the caller's to handle.
     */
    boolean postponeFor(DueTimerMessage message, Duration wait) {
        long jitter = ThreadLocalRandom.current().nextLong(wait.toMillis() / 2 + 1);
        return wakeUps.postpone(message, clock.instant().plus(wait).plusMillis(jitter))
                .confirmed();
    }

    /** Gives the claim back after this consumer's own shutdown cut the call short: not the target's failure. */
    void cutShort(Timer claimed) {
        putBack(claimed, clock.instant(), "call cut short by this consumer's shutdown");
    }

    /** Gives the claim back and sends the wake-up round for {@code comeBackAt}; true when the broker took it. */
    private boolean putBack(Timer claimed, Instant comeBackAt, String why) {
        Optional<Timer> released = store.callHolding(() -> repository.release(claimed), claimed.leaseUntil());
        if (released.isEmpty()) {
            lostClaim(claimed, "put back");
            return false;
        }
        Timer timer = released.get();
        log.debug("Timer {} put back uncalled ({}), due again at {}", timer.id(), why, comeBackAt);
        return wakeUps.publish(timer.id(), timer.owner(), timer.fireAt(), comeBackAt)
                .confirmed();
    }

    private void lostClaim(Timer claimed, String outcome) {
        log.warn(
                "Timer {} {}, but its claim had been taken over; the new owner records the outcome",
                claimed.id(),
                outcome);
    }
}
