package dev.timers.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The bounds of one timer ({@code timers.api.limits.*}). Together they keep a timer's item far below DynamoDB's
 * 400 KB: a body of at most 128 KB, headers and metadata of a few KB each, and at most {@code max-attempts-kept}
 * attempts of at most 500 characters of error each.
 *
 * @param maxUrlLength the longest target URL, in characters
 * @param maxHeaders the most headers a timer may send of its own
 * @param maxHeaderNameLength the longest header name
 * @param maxHeaderValueLength the longest header value
 * @param maxMetadataEntries the most metadata entries
 * @param maxMetadataKeyLength the longest metadata key
 * @param maxMetadataValueLength the longest metadata value
 * @param maxTargetBodySize the largest body a timer may send (its UTF-8 bytes); larger is refused with 413
 * @param maxRetryAttempts the most calls a timer may ask for in one round ({@code retry.maxAttempts}, or a
 *     schedule's length plus one)
 * @param maxRetryWait the longest wait a timer's own retry schedule may hold
 * @param fireAtGrace how far in the past a {@code fireAt} may be (clocks differ); it is then due at once
 * @param maxAttemptsKept a timer that has made this many calls can no longer be replayed
 * @param maxBatchSize the most timers one batch may create
 * @param maxPageSize the largest {@code limit} of a list
 * @param maxListRead the most items one page of a filtered list reads from the store before it ends early
 * @param idempotencyKeyLifetime how long an {@code Idempotency-Key} stands for the timer it created
 */
public record TimerLimits(
        @DefaultValue("2048") @Min(64) int maxUrlLength,
        @DefaultValue("20") @Min(0) @Max(100) int maxHeaders,
        @DefaultValue("128") @Min(1) int maxHeaderNameLength,
        @DefaultValue("2048") @Min(1) int maxHeaderValueLength,
        @DefaultValue("20") @Min(0) @Max(100) int maxMetadataEntries,
        @DefaultValue("64") @Min(1) int maxMetadataKeyLength,
        @DefaultValue("512") @Min(1) int maxMetadataValueLength,
        @DefaultValue("64KB") @NotNull DataSize maxTargetBodySize,
        @DefaultValue("20") @Min(1) @Max(100) int maxRetryAttempts,
        @DefaultValue("1d") @NotNull Duration maxRetryWait,
        @DefaultValue("10s") @NotNull Duration fireAtGrace,
        @DefaultValue("100") @Min(1) @Max(200) int maxAttemptsKept,
        @DefaultValue("100") @Min(1) @Max(1000) int maxBatchSize,
        @DefaultValue("500") @Min(1) @Max(1000) int maxPageSize,
        @DefaultValue("1000") @Min(1) int maxListRead,
        @DefaultValue("24h") @NotNull Duration idempotencyKeyLifetime) {

    /** A body beyond this would bring a timer's item too near DynamoDB's 400 KB. */
    static final DataSize LARGEST_TARGET_BODY = DataSize.ofKilobytes(128);

    public TimerLimits {
        if (maxTargetBodySize != null && maxTargetBodySize.compareTo(LARGEST_TARGET_BODY) > 0) {
            throw new IllegalArgumentException("timers.api.limits.max-target-body-size may be at most "
                    + LARGEST_TARGET_BODY + ", not " + maxTargetBodySize);
        }
    }
}
