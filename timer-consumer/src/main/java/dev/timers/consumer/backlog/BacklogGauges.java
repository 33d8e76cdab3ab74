package dev.timers.consumer.backlog;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.core.store.DueTimers;
import dev.timers.core.store.TimerTable;
import dev.timers.core.timer.Timer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The backlog, sampled: {@code timers.pending}, the timers still to fire as DynamoDB last counted its {@code due}
 * index (approximate, and free: no item is read, so its cost does not grow with the timers pending), and {@code
 * timers.overdue.oldest.age} in seconds, how long past its grace the most overdue timer waits (0 when none does),
 * which reads at most a few overdue items per shard. The second is exact, and the one to alert on.
 */
@Component
class BacklogGauges implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);

    private final DueTimers dueTimers;
    private final Clock clock;
    private final Duration grace;
    private final Duration interval;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestOverdueSeconds = new AtomicLong();

    BacklogGauges(DueTimers dueTimers, Clock clock, ConsumerProperties consumer, MeterRegistry meters) {
        this.dueTimers = dueTimers;
        this.clock = clock;
        this.grace = consumer.rescuer().grace();
        this.interval = consumer.backlogSampleInterval();
        Gauge.builder("timers.pending", pending, AtomicLong::get)
                .description("Timers still to fire, as DynamoDB last counted them (approximate)")
                .register(meters);
        Gauge.builder("timers.overdue.oldest.age", oldestOverdueSeconds, AtomicLong::get)
                .baseUnit("seconds")
                .description("How long the most overdue timer has waited past its fire time and grace (sampled)")
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::sample, interval, interval));
    }

    void sample() {
        Instant now = clock.instant();
        Instant overdueAt = now.minus(grace);
        try {
            pending.set(dueTimers.approximatePending());
        } catch (RuntimeException e) {
            log.warn("Backlog: pending timers not sampled: {}", e.toString());
        }
        long oldest = 0;
        for (int shard = 0; shard < TimerTable.DUE_SHARDS; shard++) {
            try {
                for (Timer overdue : dueTimers.overdue(shard, overdueAt, now, 1, true)) {
                    oldest = Math.max(
                            oldest,
                            Duration.between(overdue.fireAt(), overdueAt).toSeconds());
                }
            } catch (RuntimeException e) {
                log.warn("Backlog: shard {} not sampled: {}", shard, e.toString());
            }
        }
        oldestOverdueSeconds.set(oldest);
    }
}
