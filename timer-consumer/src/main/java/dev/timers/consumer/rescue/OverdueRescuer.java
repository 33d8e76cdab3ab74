package dev.timers.consumer.rescue;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.delay.DueQueueDepth;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.DueTimers;
import dev.timers.core.store.TimerTable;
import dev.timers.core.timer.Timer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Finds timers that should have fired by now but have not: their message was lost or never published (the
 * broker was down, restarted, or refused it), or the consumer that claimed them died mid-call and its lease
 * ran out. It wakes each one again with an immediate message; the claim still decides who fires it, so a
 * rescue can never make a timer fire twice in our records.
 *
 * <p>While wake-ups wait in the due queue, the consumers are behind rather than the wake-ups lost: a timer whose
 * wake-up went into the broker is then left to it, and only timers whose wake-up never got there, or whose
 * claim ran out, are woken. Otherwise a backlog would grow by a copy of every overdue timer each sweep.
 */
@Component
class OverdueRescuer implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OverdueRescuer.class);

    private final DueTimers dueTimers;
    private final DueQueueDepth dueQueue;
    private final DelayedPublisher publisher;
    private final Clock clock;
    private final ConsumerProperties.Rescuer settings;
    private final Counter rescued;

    OverdueRescuer(
            DueTimers dueTimers,
            DueQueueDepth dueQueue,
            DelayedPublisher publisher,
            Clock clock,
            ConsumerProperties consumer,
            MeterRegistry meters) {
        this.dueTimers = dueTimers;
        this.dueQueue = dueQueue;
        this.publisher = publisher;
        this.clock = clock;
        this.settings = consumer.rescuer();
        this.rescued = meters.counter("timers.rescued");
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::sweep, settings.interval(), settings.interval()));
    }

    void sweep() {
        // Unknown (the broker cannot be asked) counts as empty: then a lost wake-up is the likelier story.
        boolean consumersBehind = dueQueue.ready().orElse(0) > 0;
        for (int shard = 0; shard < TimerTable.DUE_SHARDS; shard++) {
            try {
                rescue(shard, consumersBehind);
            } catch (RuntimeException e) {
                log.warn("Rescuer: shard {} skipped this sweep: {}", shard, e.toString());
            }
        }
    }

    private void rescue(int shard, boolean consumersBehind) {
        Instant now = clock.instant();
        Instant overdueAt = now.minus(settings.grace());
        for (Timer overdue : dueTimers.overdue(shard, overdueAt, now, settings.batchSize(), !consumersBehind)) {
            dueTimers
                    .markRescued(overdue, now, now.minus(settings.repeatAfter()))
                    .ifPresent(this::wake);
        }
    }

    private void wake(Timer rescued) {
        MDC.put("timerId", rescued.id().toString());
        try {
            Duration overdue = Duration.between(rescued.fireAt(), clock.instant());
            log.info(
                    "Timer {} rescued ({}, {} ms past its fire time)",
                    rescued.id(),
                    rescued.status(),
                    overdue.toMillis());
            this.rescued.increment();
            publisher.publish(new DueTimerMessage(rescued.id(), rescued.fireAt(), rescued.owner()));
        } finally {
            MDC.remove("timerId");
        }
    }
}
