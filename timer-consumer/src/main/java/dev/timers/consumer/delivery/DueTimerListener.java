package dev.timers.consumer.delivery;

import com.rabbitmq.client.Channel;
import dev.timers.core.TimersProperties;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.StoreFaults;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/**
 * Reads the due queue and hands each message to a virtual thread of its own ({@link InFlightDeliveries}); the
 * listener thread is free again at once. A message is acknowledged only when its outcome is in the store (or
 * its claim was given back); until then the broker keeps it, and a consumer that dies returns it to the queue.
 * While the store is unreachable the message goes back to the queue after a pause, so consumers neither lose
 * it nor spin on it; a message that cannot be read, or keeps failing otherwise, is dead-lettered.
 */
@Component
class DueTimerListener {

    private static final Duration MAX_HOLD = TimersProperties.Delay.MAX_EARLY;
    private static final Duration STORE_DOWN_PAUSE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DueTimerListener.class);

    private final TimerFiring firing;
    private final InFlightDeliveries deliveries;
    private final PoisonMessages poison;
    private final MessageConverter converter;
    private final Clock clock;

    DueTimerListener(
            TimerFiring firing,
            InFlightDeliveries deliveries,
            PoisonMessages poison,
            MessageConverter converter,
            Clock clock) {
        this.firing = firing;
        this.deliveries = deliveries;
        this.poison = poison;
        this.converter = converter;
        this.clock = clock;
    }

    @RabbitListener(queues = "#{@topologyNames.dueQueue()}", ackMode = "MANUAL")
    void onDue(Message message, Channel channel) {
        var ack = Acknowledgement.of(channel, message.getMessageProperties().getDeliveryTag());
        DueTimerMessage due;
        try {
            due = (DueTimerMessage) converter.fromMessage(message);
        } catch (MessageConversionException e) {
            poison.unreadable(message, e, ack);
            return;
        }
        try {
            deliveries.submit(() -> handle(message, due, ack));
        } catch (RejectedExecutionException e) {
            // Shutting down: the message goes back to the queue for another consumer.
            ack.requeue();
        }
    }

    private void handle(Message message, DueTimerMessage due, Acknowledgement ack) {
        MDC.put("timerId", due.id().toString());
        try {
            holdUntilDue(due);
            firing.fire(due);
            ack.ack();
        } catch (InterruptedException e) {
            // This consumer is stopping; any claim was given back. The broker keeps the message for another.
            ack.requeue();
        } catch (RuntimeException e) {
            if (StoreFaults.isUnavailable(e)) {
                log.warn(
                        "Timer {}: store unavailable ({}), returning the message to the queue", due.id(), e.toString());
                pauseThenRequeue(ack);
            } else {
                poison.failed(message, e, ack);
            }
        } finally {
            MDC.remove("timerId");
        }
    }

    private static void pauseThenRequeue(Acknowledgement ack) {
        try {
            Thread.sleep(STORE_DOWN_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ack.requeue();
    }

    /**
     * Never fire early: if this host's clock says the time has not quite come (the ladder lets wake-ups out up
     * to {@code timers.delay.early} before their time, and clocks differ a little), wait for it, and again if
     * the clock was stepped back meanwhile. A message far ahead of its time is not held; its claim fails and the
     * store keeps the timer for a later wake-up.
     */
    private void holdUntilDue(DueTimerMessage message) throws InterruptedException {
        Duration early = Duration.between(clock.instant(), message.fireAt());
        while (early.isPositive() && early.compareTo(MAX_HOLD) <= 0) {
            Thread.sleep(early);
            early = Duration.between(clock.instant(), message.fireAt());
        }
    }
}
