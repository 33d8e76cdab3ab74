package dev.timers.consumer;

import dev.timers.core.timer.RetrySchedule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the consumer ({@code timers.consumer.*}).
 *
 * @param instanceId names this instance as the owner of its claims; empty means a random one per start
 * @param lease how long a claim keeps other consumers off a timer; must exceed the whole HTTP call
 * @param connectTimeout how long to wait for the target to accept the connection
 * @param responseTimeout how long a whole call may take, from sending the request to the last byte read
 * @param delivery how many calls run at once, per consumer and per target host
 * @param retry how failed calls are retried
 * @param feeder how timers beyond the horizon are moved into the broker
 * @param rescuer how timers whose wake-up went missing are found
 * @param backlogSampleInterval how often the backlog gauges are sampled
 */
@Validated
@ConfigurationProperties("timers.consumer")
public record ConsumerProperties(
        @DefaultValue("") String instanceId,
        @DefaultValue("60s") @NotNull Duration lease,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("15s") @NotNull Duration responseTimeout,
        @DefaultValue @Valid Delivery delivery,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Feeder feeder,
        @DefaultValue @Valid Rescuer rescuer,
        @DefaultValue("60s") @NotNull Duration backlogSampleInterval) {

    public ConsumerProperties {
        if (lease.compareTo(connectTimeout.plus(responseTimeout).multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("timers.consumer.lease (" + lease
                    + ") must be at least twice connect-timeout + response-timeout, so a claim outlives its call");
        }
        if (delivery.hosts().forgetAfter().compareTo(delivery.breaker().openFor()) <= 0) {
            throw new IllegalArgumentException("timers.consumer.delivery.hosts.forget-after ("
                    + delivery.hosts().forgetAfter() + ") must exceed breaker.open-for ("
                    + delivery.breaker().openFor() + "), so an open circuit is not forgotten while it holds");
        }
        if (delivery.perHostMaxInFlight() > delivery.maxInFlight()) {
            throw new IllegalArgumentException("timers.consumer.delivery.per-host-max-in-flight ("
                    + delivery.perHostMaxInFlight() + ") cannot exceed max-in-flight (" + delivery.maxInFlight()
                    + ")");
        }
    }

    /**
     * @param maxInFlight timers this consumer handles at once (the broker's prefetch, unless the byte budget
     *     makes that smaller): calls waiting on their target hold a connection and a little memory, not a thread
     * @param maxInFlightBytes the bytes of heap the timers in flight may hold together (their wake-ups, the
     *     timers as read, the requests as sent, the responses as read); a timer that does not fit waits,
     *     unclaimed, until enough is free. unset: 40% of the maximum heap
     * @param perHostMaxInFlight calls to one target host (host and port) at once, all owners together; while
     *     several owners want the host, each may hold its fair share of them (a lone owner all); a timer beyond
     *     its place goes back to wait for {@code hostBusyDelay}, uncalled and with no attempt counted; while
     *     there is still no place for it, it comes round again without a claim (no store write)
     * @param hostBusyDelay how long a timer whose host is at its cap waits before it is tried again
     * @param maxResponseBody how much of a response body is read before the connection is closed; the status
     *     line alone decides the outcome
     * @param maxStoreCalls store requests this consumer's timers make at once (claims and outcomes); below the
     *     store client's 64 connections, so the feeder and the rescuer always find one
     * @param maxDeliveries how often a message whose handling fails with an error other than the store being
     *     unreachable is delivered before it is dead-lettered
     * @param shutdownGrace on shutdown, how long calls in flight may take to finish; the rest are cut short,
     *     their timers put back to wait, and no attempt is counted against them
     * @param breaker when a target host counts as failing
     * @param hosts how long and how many target hosts' states are kept
     */
    public record Delivery(
            @DefaultValue("2000") @Min(1) @Max(65535) int maxInFlight,
            DataSize maxInFlightBytes,
            @DefaultValue("500") @Min(1) int perHostMaxInFlight,
            @DefaultValue("1s") @NotNull Duration hostBusyDelay,
            @DefaultValue("8KB") @NotNull DataSize maxResponseBody,
            @DefaultValue("32") @Min(1) @Max(64) int maxStoreCalls,
            @DefaultValue("5") @Min(1) int maxDeliveries,
            @DefaultValue("20s") @NotNull Duration shutdownGrace,
            @DefaultValue @Valid Breaker breaker,
            @DefaultValue @Valid Hosts hosts) {

        /** The share of the maximum heap the timers in flight may hold when {@code maxInFlightBytes} is unset. */
        public static final int DEFAULT_HEAP_SHARE_PERCENT = 40;

        /**
         * The most one wake-up message holds while it waits for its bytes: its AMQP body and properties (a few
         * hundred bytes: the timer's id, fire time and owner), the objects read from it, and the virtual thread
         * parked with it.
         */
        public static final long WAKE_UP_BYTES = 4 * 1024;

        public Delivery {
            if (maxInFlightBytes != null && maxInFlightBytes.toBytes() < 1) {
                throw new IllegalArgumentException(
                        "timers.consumer.delivery.max-in-flight-bytes must be positive, not " + maxInFlightBytes);
            }
        }

        /** The byte budget of the timers in flight: as set, or a share of the maximum heap. */
        public long inFlightBytes() {
            if (maxInFlightBytes != null) {
                return maxInFlightBytes.toBytes();
            }
            return Runtime.getRuntime().maxMemory() / 100 * DEFAULT_HEAP_SHARE_PERCENT;
        }

        /**
         * The broker's prefetch: {@code maxInFlight}, or fewer when that many wake-ups would not fit in the byte
         * budget. Unacknowledged messages wait in this consumer, so this bounds the bytes that sit here before
         * they are admitted.
         */
        public int prefetch() {
            long fit = Math.max(1, inFlightBytes() / WAKE_UP_BYTES);
            return (int) Math.min(maxInFlight, fit);
        }
    }

    /**
     * The consumer keeps a state per target host (its calls in flight, and per owner a circuit breaker and a
     * share of its places) in a bounded cache, so that timers to ever new hosts do not grow the heap. A host
     * with calls in flight is never forgotten.
     *
     * @param forgetAfter how long a host with no call in flight is remembered after its last use; longer than
     *     {@code breaker.open-for}, so an open circuit is not forgotten while it should hold
     * @param maxTracked most hosts remembered at once; beyond it, idle ones are forgotten first
     */
    public record Hosts(
            @DefaultValue("5m") @NotNull Duration forgetAfter,
            @DefaultValue("10000") @Min(1) long maxTracked) {}

    /**
     * A circuit breaker per owner and target host, over the owner's last calls to the host: one owner's failing
     * endpoint does not hold back another owner's calls to the same host. 5xx, 408, 429, timeouts and connection errors
     * count as failures; any other answer shows the host is up. While the circuit is open, timers for the host
     * are not called: each such turn counts as a failed attempt and the timer is retried on its schedule.
     *
     * @param window how many of the host's latest calls are judged
     * @param minimumCalls calls needed before the host can be judged at all
     * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
     * @param openFor how long the circuit stays open before a few trial calls are let through
     * @param trialCalls calls let through to judge whether the host is back
     */
    public record Breaker(
            @DefaultValue("20") @Min(1) int window,
            @DefaultValue("10") @Min(1) int minimumCalls,

            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100")
            float failureRateThreshold,

            @DefaultValue("30s") @NotNull Duration openFor,
            @DefaultValue("3") @Min(1) int trialCalls) {}

    /**
     * @param schedule the wait before each further call after a retryable failure (the Standard Webhooks
     *     schedule, about 27.5 h in all); its length + 1 is the number of calls a timer gets
     * @param jitter up to this fraction of each wait is added at random, so timers that failed together do not
     *     come back together
     * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one is cut to this
     */
    public record Retry(
            @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) @NotNull
            List<Duration> schedule,

            @DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1")
            double jitter,

            @DefaultValue("1h") @NotNull Duration maxRetryAfter) {

        public RetrySchedule retrySchedule() {
            return new RetrySchedule(schedule);
        }
    }

    /**
     * @param interval time between two sweeps of the unpublished index
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
