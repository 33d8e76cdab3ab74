package dev.timers.api;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the API ({@code timers.api.*}).
 *
 * @param maxDelay the longest delay a client may ask for
 */
@Validated
@ConfigurationProperties("timers.api")
public record ApiProperties(@DefaultValue("3653d") @NotNull Duration maxDelay) {}
