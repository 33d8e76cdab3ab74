package dev.timers.core.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A waiting timer whose wake-up for {@code fireAt} is not in the broker, as the {@code unpublished} index holds
 * it (keys only: all the feeder needs to take the timer's enqueued mark and publish).
 */
public record UnpublishedWakeUp(UUID id, Instant fireAt) {}
