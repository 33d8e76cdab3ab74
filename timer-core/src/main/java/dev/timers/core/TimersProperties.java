package dev.timers.core;

import dev.timers.core.delay.DelayMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by both services ({@code timers.*}).
 *
 * @param table the DynamoDB table that holds one item per timer
 * @param dynamodb where DynamoDB is; no endpoint means the AWS SDK's default chain (real AWS)
 * @param delay how the delayed exchange is built on the broker
 * @param horizon only timers due within this window are ever in the broker; later ones wait in the store
 * @param publishConfirmTimeout how long a publish waits for the broker's confirm before it counts as failed
 */
@Validated
@ConfigurationProperties("timers")
public record TimersProperties(
        @DefaultValue("timers") @NotBlank String table,
        @DefaultValue @Valid DynamoDb dynamodb,
        @DefaultValue @Valid Delay delay,
        @DefaultValue("15m") @NotNull Duration horizon,
        @DefaultValue("5s") @NotNull Duration publishConfirmTimeout) {

    /**
     * @param endpoint override for local emulators (dynalite, LocalStack); empty for real AWS
     * @param region AWS region; empty means the SDK's default chain (us-east-1 when an endpoint is set)
     */
    public record DynamoDb(URI endpoint, String region) {}

    /**
     * @param mode {@code auto} (the plugin where the broker has it, else the ladder), {@code ladder} or {@code
     *     plugin}
     * @param prefix prefix of every exchange and queue name, so several deployments can share a broker
     * @param base digit base of the ladder: one queue per non-zero digit and level
     * @param levels number of ladder levels; the longest delay is {@code base^levels - 1} ms
     */
    public record Delay(
            @DefaultValue("auto") @NotNull DelayMode mode,
            @DefaultValue("timers") @NotBlank String prefix,
            @DefaultValue("16") @Min(2) @Max(36) int base,
            @DefaultValue("5") @Min(1) @Max(32) int levels) {}
}
