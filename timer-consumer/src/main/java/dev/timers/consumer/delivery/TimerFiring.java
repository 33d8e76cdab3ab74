package dev.timers.consumer.delivery;

import dev.timers.consumer.delivery.DeliveryResult.Delivered;
import dev.timers.consumer.delivery.DeliveryResult.Failed;
import dev.timers.consumer.delivery.DeliveryResult.Retry;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.timer.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Fires one due timer: claims it in the store (only one consumer wins), calls the target, and records the
 * outcome: DELIVERED, FAILED, or back to SCHEDULED for a retry. A message for a timer that is already claimed,
 * finished, cancelled or rescheduled loses the claim and is dropped.
 */
@Service
class TimerFiring {

    private static final Logger log = LoggerFactory.getLogger(TimerFiring.class);

    private final WebhookClient webhook;
    private final RetryPolicy retryPolicy;
    private final FiringOutcomes outcomes;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    TimerFiring(
            WebhookClient webhook,
            RetryPolicy retryPolicy,
            FiringOutcomes outcomes,
            DeliveryMetrics metrics,
            Clock clock) {
        this.webhook = webhook;
        this.retryPolicy = retryPolicy;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.clock = clock;
    }

    void fire(DueTimerMessage message) {
        Optional<Timer> claim = outcomes.claim(message);
        if (claim.isEmpty()) {
            log.debug("Timer {}: not claimable (duplicate or stale message), dropped", message.id());
            metrics.fired(DeliveryMetrics.Outcome.DROPPED);
            return;
        }
        Timer claimed = claim.get();
        int attempt = claimed.attempts().size() + 1;
        log.info("Timer {} claimed, calling {} (attempt {})", claimed.id(), claimed.url(), attempt);
        DeliveryResult result = webhook.call(claimed, attempt);
        Duration lateBy = Duration.between(claimed.fireAt(), result.attempt().at());
        switch (result) {
            case Delivered delivered -> {
                metrics.called(delivered.attempt(), DeliveryMetrics.Outcome.DELIVERED, lateBy);
                outcomes.delivered(claimed, delivered.attempt());
            }
            case Failed failed -> {
                metrics.called(failed.attempt(), DeliveryMetrics.Outcome.FAILED, lateBy);
                outcomes.failed(claimed, failed.attempt(), failed.reason());
            }
            case Retry retry -> {
                var next = retryPolicy.next(attempt, retry.retryAfter(), clock.instant());
                metrics.called(
                        retry.attempt(),
                        next.isPresent() ? DeliveryMetrics.Outcome.RETRY : DeliveryMetrics.Outcome.FAILED,
                        lateBy);
                next.ifPresentOrElse(
                        at -> outcomes.retry(claimed, retry.attempt(), retry.reason(), at),
                        () -> outcomes.failed(
                                claimed, retry.attempt(), "gave up after " + attempt + " attempts: " + retry.reason()));
            }
        }
    }
}
