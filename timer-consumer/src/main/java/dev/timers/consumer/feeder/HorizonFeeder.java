package dev.timers.consumer.feeder;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.core.TimersProperties;
import dev.timers.core.delay.WakeUps;
import dev.timers.core.store.DueTimers;
import dev.timers.core.store.TimerTable;
import dev.timers.core.store.UnpublishedWakeUp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Moves timers into the delayed exchange as they come within the horizon. Only those are ever in the broker,
 * so a timer a year out costs it nothing until its last minutes. Every instance runs a feeder; the conditional
 * enqueued mark lets only one of them publish each fire time. A sweep reads the {@code unpublished} index, which
 * holds only waiting timers whose wake-up is not in the broker: its cost follows the timers it moves, not the
 * timers pending.
 */
@Component
class HorizonFeeder implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(HorizonFeeder.class);

    private final DueTimers dueTimers;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final Duration horizon;
    private final int batchSize;
    private final Duration interval;
    private final Counter moved;
    private final Counter batches;

    HorizonFeeder(
            DueTimers dueTimers,
            WakeUps wakeUps,
            Clock clock,
            TimersProperties timers,
            ConsumerProperties consumer,
            MeterRegistry meters) {
        this.dueTimers = dueTimers;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.horizon = timers.horizon();
        this.batchSize = consumer.feeder().batchSize();
        this.interval = consumer.feeder().interval();
        this.moved = meters.counter("timers.feeder.moved");
        this.batches = meters.counter("timers.feeder.batches");
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::sweep, interval, interval));
    }

    void sweep() {
        Instant upTo = clock.instant().plus(horizon);
        int total = 0;
        for (int shard = 0; shard < TimerTable.DUE_SHARDS; shard++) {
            try {
                total += feed(shard, upTo);
            } catch (RuntimeException e) {
                log.warn("Feeder: shard {} skipped this sweep: {}", shard, e.toString());
            }
        }
        if (total > 0) {
            moved.increment(total);
            batches.increment();
            log.info("Feeder: moved {} timers into the delayed exchange", total);
        }
    }

    private int feed(int shard, Instant upTo) {
        int published = 0;
        for (UnpublishedWakeUp timer : dueTimers.unpublished(shard, upTo, batchSize)) {
            if (dueTimers.markEnqueued(timer.id(), timer.fireAt())
                    // The index does not hold the owner: these claims take the unknown owner's turn.
                    && wakeUps.publish(timer.id(), null, timer.fireAt()).confirmed()) {
                published++;
            }
        }
        return published;
    }
}
