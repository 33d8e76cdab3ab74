package dev.timers.consumer.delivery;

import dev.timers.consumer.delivery.DeliveryResult.Delivered;
import dev.timers.consumer.delivery.DeliveryResult.Failed;
import dev.timers.consumer.delivery.DeliveryResult.Retry;
import dev.timers.consumer.targets.Admission;
import dev.timers.consumer.targets.HostPermit;
import dev.timers.consumer.targets.TargetHost;
import dev.timers.consumer.targets.TargetHosts;
import dev.timers.consumer.targets.WaitingForHosts;
import dev.timers.core.LogFormat;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Fires one due timer: claims it in the store (only one consumer wins), asks its target host for a place,
 * calls the target, and records the outcome: DELIVERED, FAILED, or back to SCHEDULED for a retry. A message
 * for a timer that is already claimed, finished, cancelled or rescheduled loses the claim and is dropped. A
 * timer found later than its client allows is not called: it is recorded SKIPPED, and takes no place at its host.
 * A timer turned away by a full host comes round again unclaimed while that host stays full ({@link
 * WaitingForHosts}).
 *
 * <p>Before its claim a handling reserves its bytes in the consumer's {@link ByteBudget}, and holds them until
 * its outcome is written: so the timers in flight never hold more of the heap together than the budget,
 * however large their bodies and however slow their targets.
 */
@Service
class TimerFiring {

    private static final Logger log = LoggerFactory.getLogger(TimerFiring.class);

    /** A wake-up sent round is routed to arrive at its time, never before: one well before that is a copy. */
    private static final Duration COPY_TOLERANCE = Duration.ofMillis(100);

    /**
     * How long the wake-up of a timer whose owner holds its whole share of this consumer goes round. Long enough
     * that a burst's wake-ups do not keep the broker busy coming back every second (each one back while the
     * share is still full goes round again, and holds a place of the prefetch while it does), short against the
     * time the share itself takes to be served.
     */
    private static final Duration OWNER_SHARE_WAIT = Duration.ofSeconds(4);

    /** How long a timer next in line at a full host waits there for a place, and how often it looks. */
    private static final Duration IN_LINE_FOR = Duration.ofSeconds(1);

    private static final Duration IN_LINE_POLL = Duration.ofMillis(5);

    private final WebhookClient webhook;
    private final TargetHosts targets;
    private final WaitingForHosts waiting;
    private final RetryPolicy retryPolicy;
    private final FiringOutcomes outcomes;
    private final DeliveryMetrics metrics;
    private final OwnerShares shares;
    private final ByteBudget budget;
    private final DeliveryFootprint footprint;
    private final Clock clock;

    TimerFiring(
            WebhookClient webhook,
            TargetHosts targets,
            WaitingForHosts waiting,
            RetryPolicy retryPolicy,
            FiringOutcomes outcomes,
            DeliveryMetrics metrics,
            OwnerShares shares,
            ByteBudget budget,
            DeliveryFootprint footprint,
            Clock clock) {
        this.webhook = webhook;
        this.targets = targets;
        this.waiting = waiting;
        this.retryPolicy = retryPolicy;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.shares = shares;
        this.budget = budget;
        this.footprint = footprint;
        this.clock = clock;
    }

    /**
     * Fires the timer of {@code message}. A call that this consumer's shutdown cuts short counts no attempt: the
     * claim is given back and the timer woken again for another consumer.
     *
     * @throws InterruptedException when this consumer stopped while the timer waited for its bytes: nothing was
     *     claimed, and its message can go back to the queue
     */
    void fire(DueTimerMessage message) throws InterruptedException {
        String owner = message.owner();
        // A wake-up that does not name its owner (published before wake-ups did) is not counted against any.
        if (owner == null) {
            fireInTurn(message);
            return;
        }
        if (!shares.tryEnter(owner)) {
            if (outcomes.postponeFor(message, OWNER_SHARE_WAIT)) {
                log.debug(
                        "Timer {}: its owner holds its whole share of this consumer, wake-up sent round", message.id());
                metrics.held(DeliveryMetrics.Held.OWNER_SHARE);
                return;
            }
            // The broker did not take it round: handle it now rather than risk it.
            fireInTurn(message);
            return;
        }
        try {
            fireInTurn(message);
        } finally {
            shares.leave(owner);
        }
    }

    private void fireInTurn(DueTimerMessage message) throws InterruptedException {
        if (handledWhileWaitingForItsHost(message)) {
            return;
        }
        // A timer that does not fit waits here, before its claim, with its message unacknowledged. So it is
        // never lost (a consumer that dies returns the message to the queue) nor called twice (no claim is
        // held, so no lease runs out; a rescue's second wake-up finds it claimed or done and is dropped), the
        // lease starts only once it is admitted, and unacknowledged messages stay bounded by the prefetch. Giving it
        // back instead (as a full host does) would mean claiming it first, reading the very bytes that do not
        // fit, and two store writes for every turn away.
        try (ByteBudget.Reservation held = budget.reserve(message.owner(), footprint.largest())) {
            claimAndCall(message, held);
        }
    }

    private void claimAndCall(DueTimerMessage message, ByteBudget.Reservation held) {
        Optional<Timer> claim = outcomes.claim(message);
        if (claim.isEmpty()) {
            log.debug("Timer {}: not claimable (duplicate or stale message), dropped", message.id());
            metrics.fired(DeliveryMetrics.Outcome.DROPPED);
            return;
        }
        Timer claimed = claim.get();
        // Read now: what it does not need of the largest timer's bytes goes back to the waiting ones.
        held.resize(footprint.of(claimed));
        Optional<String> tooLate = TooLate.reason(claimed, clock.instant());
        if (tooLate.isPresent()) {
            outcomes.skipped(claimed, tooLate.get());
            metrics.fired(DeliveryMetrics.Outcome.SKIPPED);
            return;
        }
        // Counts every call, replays included; the retry schedule counts only this round's.
        int attempt = claimed.attempts().size() + 1;
        Admission admission = targets.admit(claimed.owner(), TargetHost.of(claimed.url()));
        if (admission instanceof Admission.HostBusy busy && busy.nextInLine()) {
            try {
                admission = waitInLine(claimed, busy);
            } catch (InterruptedException e) {
                // This consumer is stopping: the claim goes back, uncounted, for another consumer.
                outcomes.cutShort(claimed);
                Thread.currentThread().interrupt();
                return;
            }
        }
        switch (admission) {
            case Admission.Admitted admitted -> call(claimed, attempt, admitted.permit());
            case Admission.HostBusy busy -> {
                metrics.held(DeliveryMetrics.Held.HOST_BUSY);
                outcomes.hostBusy(claimed, busy.host())
                        .ifPresent(comesBackAt -> waiting.turnedAway(
                                claimed.id(), claimed.fireAt(), claimed.owner(), busy.host(), comesBackAt));
            }
            case Admission.CircuitOpen open -> {
                metrics.held(DeliveryMetrics.Held.CIRCUIT_OPEN);
                String reason = "not called: " + open.host() + " has been failing for this owner, its circuit is open";
                var notCalled =
                        new Retry(new Attempt(clock.instant(), null, reason, Duration.ZERO), reason, Optional.empty());
                metrics.fired(settle(claimed, notCalled));
            }
        }
    }

    /**
     * An owner below its fair share of a full host is next in line there: the other owners get no new place
     * until it has one, so a place comes free for it as soon as one of their calls ends. It waits for that in
     * place, for at most {@link #IN_LINE_FOR}, holding its claim, instead of going round for {@code
     * host-busy-delay}; a quiet owner's timer so waits for one call to end, not for a second or more.
     */
    private Admission waitInLine(Timer claimed, Admission.HostBusy busy) throws InterruptedException {
        Admission admission = busy;
        // Counted in looks, not read off the clock: a stepped clock neither cuts the wait short nor stretches it.
        long looks = IN_LINE_FOR.toMillis() / IN_LINE_POLL.toMillis();
        for (long look = 0;
                look < looks && admission instanceof Admission.HostBusy again && again.nextInLine();
                look++) {
            Thread.sleep(IN_LINE_POLL);
            admission = targets.admit(claimed.owner(), busy.host());
        }
        return admission;
    }

    /**
     * A timer given back earlier for lack of a place at its host is not claimed while that host stays full: its
     * wake-up goes round again, with no store write. Another copy of its wake-up that comes before the one sent
     * round is dropped. If the broker does not take the wake-up sent round, the timer is claimed and handled as
     * any other.
     */
    private boolean handledWhileWaitingForItsHost(DueTimerMessage message) {
        Optional<WaitingForHosts.Waiting> entry = waiting.of(message.id());
        if (entry.isEmpty()) {
            return false;
        }
        WaitingForHosts.Waiting waits = entry.get();
        if (!waits.fireAt().equals(message.fireAt())) {
            // A wake-up for another fire time: the timer was moved meanwhile, so it is claimed as any other.
            waiting.done(message.id());
            return false;
        }
        if (clock.instant().isBefore(waits.comesBackAt().minus(COPY_TOLERANCE))) {
            log.debug("Timer {}: another copy of a wake-up already sent round, dropped", message.id());
            metrics.fired(DeliveryMetrics.Outcome.DROPPED);
            return true;
        }
        if (targets.isFull(waits.owner(), waits.host())) {
            Optional<Instant> comesBackAt = outcomes.postpone(message);
            if (comesBackAt.isPresent()) {
                log.debug("Timer {}: {} still has no free place, wake-up sent round", message.id(), waits.host());
                waits.sentRound(comesBackAt.get());
                metrics.held(DeliveryMetrics.Held.HOST_BUSY);
                return true;
            }
        }
        waiting.done(message.id());
        return false;
    }

    private void call(Timer claimed, int attempt, HostPermit permit) {
        log.info("Timer {} claimed, calling {} (attempt {})", claimed.id(), LogFormat.url(claimed.url()), attempt);
        try {
            DeliveryResult result = webhook.call(claimed, attempt);
            permit.finish(verdictOf(result));
            Duration lateBy =
                    Duration.between(claimed.fireAt(), result.attempt().at());
            metrics.called(result.attempt(), settle(claimed, result), lateBy);
        } catch (CallCutShort e) {
            outcomes.cutShort(claimed);
        } finally {
            // Frees the host's place whatever happened; a no-op once the call was judged above.
            permit.finish(HostPermit.Verdict.UNJUDGED);
        }
    }

    /**
     * Records what the turn came to and says what that was. The only place where a retryable failure becomes a
     * retry or, once the timer's own schedule is spent, a failure.
     */
    private DeliveryMetrics.Outcome settle(Timer claimed, DeliveryResult result) {
        switch (result) {
            case Delivered delivered -> {
                outcomes.delivered(claimed, delivered.attempt());
                return DeliveryMetrics.Outcome.DELIVERED;
            }
            case Failed failed -> {
                outcomes.failed(claimed, failed.attempt(), failed.reason());
                return DeliveryMetrics.Outcome.FAILED;
            }
            case Retry retry -> {
                Optional<Instant> next = retryPolicy.next(claimed, retry.retryAfter(), clock.instant());
                if (next.isPresent()) {
                    outcomes.retry(claimed, retry.attempt(), retry.reason(), next.get());
                    return DeliveryMetrics.Outcome.RETRY;
                }
                int made = RetryPolicy.callsThisRound(claimed);
                outcomes.failed(claimed, retry.attempt(), "gave up after " + made + " attempts: " + retry.reason());
                return DeliveryMetrics.Outcome.FAILED;
            }
        }
    }

    private static HostPermit.Verdict verdictOf(DeliveryResult result) {
        return switch (result) {
            case Retry ignored -> HostPermit.Verdict.FAILED;
            case Delivered ignored -> HostPermit.Verdict.ANSWERED;
            // Without a status the host never answered: a URL refused by the client or the target guard says
            // nothing about the host's health.
            case Failed failed ->
                failed.attempt().statusCode() == null ? HostPermit.Verdict.UNJUDGED : HostPermit.Verdict.ANSWERED;
        };
    }
}
