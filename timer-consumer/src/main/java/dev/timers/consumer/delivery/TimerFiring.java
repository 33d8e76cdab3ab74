package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.consumer.delivery.DeliveryResult.Delivered;
import dev.timers.consumer.delivery.DeliveryResult.Failed;
import dev.timers.consumer.delivery.DeliveryResult.Retry;
import dev.timers.core.TimersProperties;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.delay.WakeUps;
import dev.timers.core.store.TimerRepository;
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
 * Fires one due timer: claims it in the store (only one consumer wins), calls the target, and records the
 * outcome: DELIVERED, FAILED, or back to SCHEDULED for a retry. A message for a timer that is already claimed,
 * finished, cancelled or rescheduled loses the claim and is dropped.
 */
@Service
class TimerFiring {

    private static final Logger log = LoggerFactory.getLogger(TimerFiring.class);

    private final WebhookClient webhook;
    private final RetryPolicy retryPolicy;
    private final Outcomes outcomes;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    TimerFiring(
            WebhookClient webhook, RetryPolicy retryPolicy, Outcomes outcomes, DeliveryMetrics metrics, Clock clock) {
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

    /** Writes each outcome as one conditional update by the holder of the claim, and logs it. */
    @Service
    static class Outcomes {

        private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

        private final TimerRepository repository;
        private final WakeUps wakeUps;
        private final FailedTimerNotices notices;
        private final Clock clock;
        private final String owner;
        private final Duration lease;
        private final Duration horizon;

        Outcomes(
                TimerRepository repository,
                WakeUps wakeUps,
                FailedTimerNotices notices,
                Clock clock,
                ConsumerProperties consumer,
                TimersProperties timers,
                ConsumerIdentity identity) {
            this.repository = repository;
            this.wakeUps = wakeUps;
            this.notices = notices;
            this.clock = clock;
            this.owner = identity.name();
            this.lease = consumer.lease();
            this.horizon = timers.horizon();
        }

        Optional<Timer> claim(DueTimerMessage message) {
            Instant now = clock.instant();
            return repository.claim(message.id(), message.fireAt(), owner, now, now.plus(lease));
        }

        void delivered(Timer claimed, Attempt attempt) {
            repository
                    .markDelivered(claimed, attempt)
                    .ifPresentOrElse(
                            timer -> log.info(
                                    "Timer {} delivered (HTTP {}), {} ms after its fire time",
                                    timer.id(),
                                    attempt.statusCode(),
                                    timer.lateness().orElseThrow().toMillis()),
                            () -> lostClaim(claimed, "delivered"));
        }

        void failed(Timer claimed, Attempt attempt, String reason) {
            repository
                    .markFailed(claimed, attempt, reason)
                    .ifPresentOrElse(
                            timer -> {
                                log.info("Timer {} failed: {}", timer.id(), reason);
                                notices.send(timer);
                            },
                            () -> lostClaim(claimed, "failed"));
        }

        void retry(Timer claimed, Attempt attempt, String reason, Instant next) {
            boolean soon = Duration.between(clock.instant(), next).compareTo(horizon) <= 0;
            repository
                    .reschedule(claimed, attempt, reason, next, soon)
                    .ifPresentOrElse(
                            timer -> {
                                log.info("Timer {} will be retried at {}: {}", timer.id(), next, reason);
                                if (soon) {
                                    wakeUps.publish(timer.id(), next);
                                }
                            },
                            () -> lostClaim(claimed, "to be retried"));
        }

        private void lostClaim(Timer claimed, String outcome) {
            log.warn(
                    "Timer {} {}, but its claim had been taken over; the new owner records the outcome",
                    claimed.id(),
                    outcome);
        }
    }
}
