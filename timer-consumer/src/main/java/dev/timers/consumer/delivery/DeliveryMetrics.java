package dev.timers.consumer.delivery;

import dev.timers.core.timer.Attempt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * What operators watch about firing: {@code timers.fired{outcome}} (delivered, retry, failed, skipped, dropped),
 * {@code timers.delivery.duration{outcome}} (each call to a target), {@code timers.fire.lateness} (how long
 * after its fire time a call started, with SLO buckets of 10, 50, 100 and 500 ms, 1 and 5 s) and {@code
 * timers.delivery.held{reason}} (timers not called because their host was at its cap or its circuit open).
 */
@Component
class DeliveryMetrics {

    enum Outcome {
        DELIVERED,
        RETRY,
        FAILED,
        /** Claimed, but later than its client allows: not called. */
        SKIPPED,
        DROPPED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Why a due timer was not called when its wake-up came. */
    enum Held {
        HOST_BUSY,
        CIRCUIT_OPEN,
        /** Its owner held half of this consumer's wake-ups already; sent round for later. */
        OWNER_SHARE;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry meters;
    private final Timer lateness;

    DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.lateness = Timer.builder("timers.fire.lateness")
                .description("How long after its fire time a call to the target started")
                .serviceLevelObjectives(
                        Duration.ofMillis(10),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5))
                .publishPercentileHistogram(false)
                .register(meters);
    }

    void fired(Outcome outcome) {
        Counter.builder("timers.fired")
                .tag("outcome", outcome.tag())
                .register(meters)
                .increment();
    }

    void held(Held reason) {
        Counter.builder("timers.delivery.held")
                .tag("reason", reason.tag())
                .register(meters)
                .increment();
    }

    void called(Attempt attempt, Outcome outcome, Duration lateBy) {
        Timer.builder("timers.delivery.duration")
                .tag("outcome", outcome.tag())
                .register(meters)
                .record(attempt.duration());
        lateness.record(lateBy.isNegative() ? Duration.ZERO : lateBy);
        fired(outcome);
    }
}
