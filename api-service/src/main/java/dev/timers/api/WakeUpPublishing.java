package dev.timers.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the API publishes wake-ups in the background ({@code timers.api.publish.*}), so that a request never
 * waits for the broker.
 *
 * @param threads publishes in flight at once; each may wait for a connection or a confirm
 * @param queueCapacity wake-ups waiting for a thread; beyond it a wake-up is not published by the API but left
 *     to the feeder (its enqueued mark is taken back)
 * @param shutdownGrace on shutdown, how long the queued and running publishes may still take; those left are
 *     given back to the feeder
 */
public record WakeUpPublishing(
        @DefaultValue("4") @Min(1) @Max(64) int threads,
        @DefaultValue("1000") @Min(1) int queueCapacity,
        @DefaultValue("5s") @NotNull Duration shutdownGrace) {}
