package dev.timers.core.timer;

import java.time.Duration;
import java.time.Instant;

/**
 * One call to a timer's target.
 *
 * @param at when the call started
 * @param statusCode the HTTP status the target answered, or null if there was no answer
 * @param error why the call failed, or null if it succeeded
 * @param duration how long the call took
 */
public record Attempt(Instant at, Integer statusCode, String error, Duration duration) {}
