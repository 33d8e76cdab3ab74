package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.consumer.delivery.DeliveryResult.Delivered;
import dev.timers.consumer.delivery.DeliveryResult.Failed;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.timer.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Fires one due timer: claims it in the store (only one consumer wins), calls the target, records the
 * outcome. A message for a timer that is already claimed, finished, cancelled or rescheduled loses the
 * claim and is dropped, so the target is called once per schedule.
 */
@Service
class TimerFiring {

    private static final Logger log = LoggerFactory.getLogger(TimerFiring.class);

    private final TimerRepository repository;
    private final WebhookClient webhook;
    private final Clock clock;
    private final ConsumerProperties properties;
    private final String owner;

    TimerFiring(TimerRepository repository, WebhookClient webhook, Clock clock, ConsumerProperties properties) {
        this.repository = repository;
        this.webhook = webhook;
        this.clock = clock;
        this.properties = properties;
        this.owner = properties.instanceId().isBlank()
                ? "consumer-" + UUID.randomUUID().toString().substring(0, 8)
                : properties.instanceId();
    }

    void fire(DueTimerMessage message) {
        Instant now = clock.instant();
        var claim = repository.claim(message.id(), message.fireAt(), owner, now, now.plus(properties.lease()));
        if (claim.isEmpty()) {
            log.debug("Timer {}: not claimable (duplicate or stale message), dropped", message.id());
            return;
        }
        Timer claimed = claim.get();
        log.info("Timer {} claimed by {}, calling {}", claimed.id(), owner, claimed.url());
        Instant startedAt = clock.instant();
        switch (webhook.call(claimed, startedAt, 1)) {
            case Delivered delivered ->
                record(
                        claimed,
                        repository.markDelivered(claimed, startedAt).isPresent(),
                        "delivered (HTTP " + delivered.status() + ")");
            case Failed failed ->
                record(
                        claimed,
                        repository.markFailed(claimed, failed.reason()).isPresent(),
                        "failed: " + failed.reason());
        }
    }

    private void record(Timer claimed, boolean recorded, String outcome) {
        if (recorded) {
            log.info("Timer {} {}", claimed.id(), outcome);
        } else {
            log.warn(
                    "Timer {} {}, but its claim had been taken over; the new owner records the outcome",
                    claimed.id(),
                    outcome);
        }
    }
}
