package dev.timers.api.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The per-key token bucket ({@code timers.api.rate-limit.*}). Each API instance keeps its own buckets, so
 * with N instances behind a load balancer a key may make up to N times this rate (and N bursts).
 *
 * @param enabled whether requests are limited at all
 * @param rate tokens added per {@code period}: the sustained requests a key may make
 * @param period the period {@code rate} refers to
 * @param burst the bucket's size: how many requests a key that has been quiet may make at once
 */
@Validated
@ConfigurationProperties("timers.api.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50") @Positive long rate,
        @DefaultValue("1s") @NotNull Duration period,
        @DefaultValue("100") @Positive long burst) {}
