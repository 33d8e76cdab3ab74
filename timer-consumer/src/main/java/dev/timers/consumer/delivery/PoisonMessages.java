package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.core.delay.TopologyNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Messages whose handling fails for a reason other than the store being away: they are tried again a few
 * times (the count travels in a header, since the due queue keeps none), then dead-lettered into the
 * dead-letter queue for an operator, with an ERROR line and {@code timers.messages.poison{action}} counting
 * {@code retried}, {@code dead_lettered} and {@code unreadable}. The timer itself stays in the store, where
 * the rescuer still finds it; a poison message only stops blocking the queue.
 */
@Component
class PoisonMessages {

    static final String FAILED_DELIVERIES = "x-timers-failed-deliveries";

    private static final Duration PAUSE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(PoisonMessages.class);

    private final RabbitTemplate rabbit;
    private final TopologyNames names;
    private final int maxDeliveries;
    private final MeterRegistry meters;

    PoisonMessages(RabbitTemplate rabbit, TopologyNames names, ConsumerProperties properties, MeterRegistry meters) {
        this.rabbit = rabbit;
        this.names = names;
        this.maxDeliveries = properties.delivery().maxDeliveries();
        this.meters = meters;
    }

    /** A message that is not a due-timer message at all: no retry can help. */
    void unreadable(Message message, Exception error, Acknowledgement ack) {
        log.error(
                "A message on {} is not a due-timer message; dead-lettered: {}", names.dueQueue(), error.getMessage());
        count("unreadable");
        ack.deadLetter();
    }

    /** A message whose handling failed: tried again, unless it has failed {@code max-deliveries} times. */
    void failed(Message message, RuntimeException error, Acknowledgement ack) {
        int failures = failuresSoFar(message) + 1;
        if (failures >= maxDeliveries) {
            log.error(
                    "Message dead-lettered after {} failed deliveries; its timer stays in the store", failures, error);
            count("dead_lettered");
            ack.deadLetter();
            return;
        }
        log.warn("Message failed ({} of {} deliveries), trying it again", failures, maxDeliveries, error);
        try {
            Thread.sleep(PAUSE);
            message.getMessageProperties().setHeader(FAILED_DELIVERIES, failures);
            rabbit.send(names.dueExchange(), "retry", message);
            count("retried");
            ack.ack();
        } catch (AmqpException e) {
            ack.requeue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ack.requeue();
        }
    }

    private static int failuresSoFar(Message message) {
        Object header = message.getMessageProperties().getHeader(FAILED_DELIVERIES);
        return header instanceof Number count ? count.intValue() : 0;
    }

    private void count(String action) {
        meters.counter("timers.messages.poison", "action", action).increment();
    }
}
