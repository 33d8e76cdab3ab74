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
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The backlog, sampled (counting it costs index reads, so not on every scrape): {@code timers.pending{shard}},
 * the timers still to fire per index shard, and {@code timers.overdue.oldest.age} in seconds, how long past its
 * grace the most overdue timer waits (0 when none does). The second is the one to alert on.
 */
@Component
class BacklogGauges implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(BacklogGauges.class);

    private final DueTimers dueTimers;
    private final Clock clock;
    private final Duration grace;
    private final Duration interval;
    private final AtomicLongArray pending = new AtomicLongArray(TimerTable.DUE_SHARDS);
    private final AtomicLong oldestOverdueSeconds = new AtomicLong();

    BacklogGauges(DueTimers dueTimers, Clock clock, ConsumerProperties consumer, MeterRegistry meters) {
        this.dueTimers = dueTimers;
        this.clock = clock;
        this.grace = consumer.rescuer().grace();
        this.interval = consumer.backlogSampleInterval();
        for (int shard = 0; shard < TimerTable.DUE_SHARDS; shard++) {
            int index = shard;
            Gauge.builder("timers.pending", pending, values -> values.get(index))
                    .tag("shard", Integer.toString(shard))
                    .description("Timers still to fire, per index shard (sampled)")
                    .register(meters);
        }
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
        long oldest = 0;
        for (int shard = 0; shard < TimerTable.DUE_SHARDS; shard++) {
            try {
                pending.set(shard, dueTimers.countPending(shard));
                for (Timer overdue : dueTimers.overdue(shard, overdueAt, now, 1)) {
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
