package dev.timers.consumer;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the consumer ({@code timers.consumer.*}).
 *
 * @param instanceId names this instance as the owner of its claims; empty means a random one per start
 * @param lease how long a claim keeps other consumers off a timer; must exceed the whole HTTP call
 * @param connectTimeout how long to wait for the target to accept the connection
 * @param responseTimeout how long to wait for the target's response once connected
 */
@Validated
@ConfigurationProperties("timers.consumer")
public record ConsumerProperties(
        @DefaultValue("") String instanceId,
        @DefaultValue("60s") @NotNull Duration lease,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("15s") @NotNull Duration responseTimeout) {

    public ConsumerProperties {
        if (lease.compareTo(connectTimeout.plus(responseTimeout).multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("timers.consumer.lease (" + lease
                    + ") must be at least twice connect-timeout + response-timeout, so a claim outlives its call");
        }
    }
}
