package dev.timers.consumer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the consumer ({@code timers.consumer.*}).
 *
 * @param instanceId names this instance as the owner of its claims; empty means a random one per start
 * @param lease how long a claim keeps other consumers off a timer; must exceed the whole HTTP call
 * @param connectTimeout how long to wait for the target to accept the connection
 * @param responseTimeout how long to wait for the target's response once connected
 * @param retry how failed calls are retried
 * @param feeder how timers beyond the horizon are moved into the broker
 * @param rescuer how timers whose wake-up went missing are found
 * @param backlogSampleInterval how often the backlog gauges are sampled (each sample reads the due index)
 */
@Validated
@ConfigurationProperties("timers.consumer")
public record ConsumerProperties(
        @DefaultValue("") String instanceId,
        @DefaultValue("60s") @NotNull Duration lease,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("15s") @NotNull Duration responseTimeout,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Feeder feeder,
        @DefaultValue @Valid Rescuer rescuer,
        @DefaultValue("60s") @NotNull Duration backlogSampleInterval) {

    public ConsumerProperties {
        if (lease.compareTo(connectTimeout.plus(responseTimeout).multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("timers.consumer.lease (" + lease
                    + ") must be at least twice connect-timeout + response-timeout, so a claim outlives its call");
        }
    }

    /**
     * @param maxAttempts calls in all, the first included, before a retryable failure becomes FAILED
     * @param baseDelay the backoff before the second call; it doubles with every further call
     * @param maxDelay the longest backoff, and the longest Retry-After honoured
     */
    public record Retry(
            @DefaultValue("5") @Min(1) int maxAttempts,
            @DefaultValue("1s") @NotNull Duration baseDelay,
            @DefaultValue("1h") @NotNull Duration maxDelay) {}

    /**
     * @param interval time between two sweeps of the due index
     * @param batchSize most timers moved per shard and sweep
     */
    public record Feeder(
            @DefaultValue("5s") @NotNull Duration interval,
            @DefaultValue("500") @Min(1) int batchSize) {}

    /**
     * @param interval time between two sweeps for overdue timers
     * @param grace how long past its fire time a timer may wait for its message before it is rescued
     * @param repeatAfter how long a rescued timer is left before it may be rescued again
     * @param batchSize most timers rescued per shard and sweep
     */
    public record Rescuer(
            @DefaultValue("5s") @NotNull Duration interval,
            @DefaultValue("5s") @NotNull Duration grace,
            @DefaultValue("30s") @NotNull Duration repeatAfter,
            @DefaultValue("500") @Min(1) int batchSize) {}
}
