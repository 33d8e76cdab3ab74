package dev.timers.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the API ({@code timers.api.*}). Authentication and rate limits have their own records.
 *
 * @param maxDelay the longest delay a client may ask for
 * @param maxBodySize the largest request body accepted; a larger one is refused with 413 before it is parsed
 * @param maxHeaderCount the most request headers Tomcat accepts on one request; more get 400
 */
@Validated
@ConfigurationProperties("timers.api")
public record ApiProperties(
        @DefaultValue("3653d") @NotNull Duration maxDelay,
        @DefaultValue("64KB") @NotNull DataSize maxBodySize,
        @DefaultValue("50") @Positive int maxHeaderCount) {}
