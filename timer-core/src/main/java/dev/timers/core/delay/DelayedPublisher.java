package dev.timers.core.delay;

import dev.timers.core.delay.PublishOutcome.Confirmed;
import dev.timers.core.delay.PublishOutcome.Failed;
import dev.timers.core.delay.PublishOutcome.Nacked;
import dev.timers.core.delay.PublishOutcome.Returned;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes due-timer messages into the delayed exchange and waits for the broker's confirm, so the caller
 * knows whether the broker really holds the message. It never throws: the store is the truth, and a timer
 * whose message did not make it is still fired from the store. Each outcome is logged when it is not a
 * confirm, and counted as {@code timers.published{outcome=confirmed|nacked|returned|failed}}.
 */
public class DelayedPublisher {

    private static final Logger log = LoggerFactory.getLogger(DelayedPublisher.class);

    private final RabbitTemplate rabbit;
    private final DelayTopology topology;
    private final Clock clock;
    private final Duration confirmTimeout;
    private final MeterRegistry meters;

    public DelayedPublisher(
            RabbitTemplate rabbit, DelayTopology topology, Clock clock, Duration confirmTimeout, MeterRegistry meters) {
        this.rabbit = rabbit;
        this.topology = topology;
        this.clock = clock;
        this.confirmTimeout = confirmTimeout;
        this.meters = meters;
    }

    /**
     * Publishes {@code message} to reach the due queue at its {@code fireAt}. The delay is taken at the moment
     * of sending, so time spent before (a slow store write, a reconnect) does not make the timer late.
     */
    public PublishOutcome publish(DueTimerMessage message) {
        return publish(message, message.fireAt());
    }

    /** Publishes {@code message} to reach the due queue at {@code deliverAt}, later than its fire time. */
    public PublishOutcome publish(DueTimerMessage message, Instant deliverAt) {
        try (var ignored = MDC.putCloseable("timerId", message.id().toString())) {
            return publishAndCount(message, deliverAt);
        }
    }

    private PublishOutcome publishAndCount(DueTimerMessage message, Instant deliverAt) {
        Duration delay = Duration.between(clock.instant(), deliverAt);
        // A consumer holds a wake-up only until its fire time: one meant for later (a timer put back to wait)
        // must not arrive early.
        Route route = deliverAt.isAfter(message.fireAt()) ? topology.route(delay) : topology.routeEarly(delay);
        PublishOutcome outcome = send(message, route);
        meters.counter(
                        "timers.published",
                        "outcome",
                        outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT))
                .increment();
        if (!outcome.confirmed()) {
            log.warn("Timer {}: publish to the delayed exchange not confirmed: {}", message.id(), outcome);
        }
        return outcome;
    }

    private PublishOutcome send(DueTimerMessage message, Route route) {
        // A fresh id: two publishes of the same timer at once must not share one pending confirm or return.
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        try {
            rabbit.convertAndSend(
                    route.exchange(),
                    route.routingKey(),
                    message,
                    amqpMessage -> {
                        route.headers().forEach(amqpMessage.getMessageProperties()::setHeader);
                        return amqpMessage;
                    },
                    correlation);
            CorrelationData.Confirm confirm =
                    correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (correlation.getReturned() != null && !route.routedWhenDue()) {
                return new Returned(correlation.getReturned().getReplyText());
            }
            return confirm.ack() ? new Confirmed() : new Nacked(String.valueOf(confirm.reason()));
        } catch (AmqpException | ExecutionException e) {
            return new Failed(e.getMessage());
        } catch (TimeoutException e) {
            return new Failed("no confirm within " + confirmTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        }
    }
}
