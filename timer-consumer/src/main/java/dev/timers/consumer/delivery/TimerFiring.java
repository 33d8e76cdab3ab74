package dev.timers.consumer.delivery;

import dev.timers.consumer.delivery.DeliveryResult.Delivered;
import dev.timers.consumer.delivery.DeliveryResult.Failed;
import dev.timers.consumer.delivery.DeliveryResult.Retry;
import dev.timers.consumer.targets.Admission;
import dev.timers.consumer.targets.HostPermit;
import dev.timers.consumer.targets.TargetHost;
import dev.timers.consumer.targets.TargetHosts;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Fires one due timer: claims it in the store (only one consumer wins), asks its target host for a place,
 * calls the target, and records the outcome: DELIVERED, FAILED, or back to SCHEDULED for a retry. A message
 * for a timer that is already claimed, finished, cancelled or rescheduled loses the claim and is dropped.
 */
@Service
class TimerFiring {

    private static final Logger log = LoggerFactory.getLogger(TimerFiring.class);

    private final WebhookClient webhook;
    private final TargetHosts targets;
    private final RetryPolicy retryPolicy;
    private final FiringOutcomes outcomes;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    TimerFiring(
            WebhookClient webhook,
            TargetHosts targets,
            RetryPolicy retryPolicy,
            FiringOutcomes outcomes,
            DeliveryMetrics metrics,
            Clock clock) {
        this.webhook = webhook;
        this.targets = targets;
        this.retryPolicy = retryPolicy;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Fires the timer of {@code message}. A call that this consumer's shutdown cuts short counts no attempt: the
     * claim is given back and the timer woken again for another consumer.
     */
    void fire(DueTimerMessage message) {
        Optional<Timer> claim = outcomes.claim(message);
        if (claim.isEmpty()) {
            log.debug("Timer {}: not claimable (duplicate or stale message), dropped", message.id());
            metrics.fired(DeliveryMetrics.Outcome.DROPPED);
            return;
        }
        Timer claimed = claim.get();
        int attempt = claimed.attempts().size() + 1;
        switch (targets.admit(TargetHost.of(claimed.url()))) {
            case Admission.Admitted admitted -> call(claimed, attempt, admitted.permit());
            case Admission.HostBusy busy -> {
                metrics.held(DeliveryMetrics.Held.HOST_BUSY);
                outcomes.hostBusy(claimed, busy.host());
            }
            case Admission.CircuitOpen open -> {
                metrics.held(DeliveryMetrics.Held.CIRCUIT_OPEN);
                String reason = "not called: " + open.host() + " has been failing, its circuit is open";
                var notCalled =
                        new Retry(new Attempt(clock.instant(), null, reason, Duration.ZERO), reason, Optional.empty());
                metrics.fired(outcomeOf(attempt, notCalled));
                record(claimed, attempt, notCalled);
            }
        }
    }

    private void call(Timer claimed, int attempt, HostPermit permit) {
        log.info("Timer {} claimed, calling {} (attempt {})", claimed.id(), claimed.url(), attempt);
        try {
            DeliveryResult result = webhook.call(claimed, attempt);
            permit.finish(verdictOf(result));
            Duration lateBy =
                    Duration.between(claimed.fireAt(), result.attempt().at());
            metrics.called(result.attempt(), outcomeOf(attempt, result), lateBy);
            record(claimed, attempt, result);
        } catch (CallCutShort e) {
            outcomes.cutShort(claimed);
        } finally {
            // Frees the host's place whatever happened; a no-op once the call was judged above.
            permit.finish(HostPermit.Verdict.UNJUDGED);
        }
    }

    private void record(Timer claimed, int attempt, DeliveryResult result) {
        switch (result) {
            case Delivered delivered -> outcomes.delivered(claimed, delivered.attempt());
            case Failed failed -> outcomes.failed(claimed, failed.attempt(), failed.reason());
            case Retry retry ->
                retryPolicy
                        .next(attempt, retry.retryAfter(), clock.instant())
                        .ifPresentOrElse(
                                at -> outcomes.retry(claimed, retry.attempt(), retry.reason(), at),
                                () -> outcomes.failed(
                                        claimed,
                                        retry.attempt(),
                                        "gave up after " + attempt + " attempts: " + retry.reason()));
        }
    }

    private DeliveryMetrics.Outcome outcomeOf(int attempt, DeliveryResult result) {
        return switch (result) {
            case Delivered ignored -> DeliveryMetrics.Outcome.DELIVERED;
            case Failed ignored -> DeliveryMetrics.Outcome.FAILED;
            case Retry ignored ->
                attempt < retryPolicy.schedule().maxAttempts()
                        ? DeliveryMetrics.Outcome.RETRY
                        : DeliveryMetrics.Outcome.FAILED;
        };
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
