package dev.timers.consumer.delivery;

import dev.timers.core.delay.DueTimerMessage;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads the due queue. The message is acknowledged when {@link TimerFiring} returns. While the store is
 * unreachable the message goes back to the queue after a pause, so consumers neither lose it nor spin on it;
 * a message that cannot be parsed is dead-lettered.
 */
@Component
class DueTimerListener {

    private static final Duration MAX_HOLD = Duration.ofSeconds(5);
    private static final Duration STORE_DOWN_PAUSE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DueTimerListener.class);

    private final TimerFiring firing;
    private final Clock clock;

    DueTimerListener(TimerFiring firing, Clock clock) {
        this.firing = firing;
        this.clock = clock;
    }

    @RabbitListener(queues = "#{@topologyNames.dueQueue()}")
    void onDue(DueTimerMessage message) throws InterruptedException {
        MDC.put("timerId", message.id().toString());
        try {
            holdUntilDue(message);
            firing.fire(message);
        } catch (SdkException e) {
            log.warn(
                    "Timer {}: store unavailable ({}), returning the message to the queue", message.id(), e.toString());
            Thread.sleep(STORE_DOWN_PAUSE);
            throw e;
        } finally {
            MDC.remove("timerId");
        }
    }

    /**
     * Never fire early: if this host's clock says the time has not quite come (clocks of broker and consumer
     * differ a little), wait for it. A message far ahead of its time is not held; its claim fails and the
     * store keeps the timer for a later wake-up.
     */
    private void holdUntilDue(DueTimerMessage message) throws InterruptedException {
        Duration early = Duration.between(clock.instant(), message.fireAt());
        if (early.isPositive() && early.compareTo(MAX_HOLD) <= 0) {
            Thread.sleep(early);
        }
    }
}
