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
public record Attempt(Instant at, Integer statusCode, String error, Duration duration) {

    /** The longest error kept: an attempt's text comes from the network, and a timer's item has a size limit. */
    public static final int MAX_ERROR_LENGTH = 500;

    public Attempt {
        error = shortened(error);
    }

    /** {@code error} cut to {@link #MAX_ERROR_LENGTH}; null stays null. */
    public static String shortened(String error) {
        if (error == null || error.length() <= MAX_ERROR_LENGTH) {
            return error;
        }
        return error.substring(0, MAX_ERROR_LENGTH - 1) + "\u2026";
    }
}
