package dev.timers.consumer.delivery;

import dev.timers.core.delay.DueTimerMessage;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Reads the due queue. The message is acknowledged when {@link TimerFiring} returns; if the store fails the
 * message is requeued, and one that cannot be parsed is dead-lettered.
 */
@Component
class DueTimerListener {

    private static final Duration MAX_HOLD = Duration.ofSeconds(5);

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
