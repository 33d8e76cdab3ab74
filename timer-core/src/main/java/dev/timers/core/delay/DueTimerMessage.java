package dev.timers.core.delay;

import java.time.Instant;
import java.util.UUID;

/**
 * What travels through the delayed exchange: which timer is due, and for which fire time. The fire time lets
 * the consumer tell a current message from a stale one left over from an earlier schedule of the same timer.
 *
 * @param id the timer
 * @param fireAt the fire time the message was published for
 */
public record DueTimerMessage(UUID id, Instant fireAt) {}
