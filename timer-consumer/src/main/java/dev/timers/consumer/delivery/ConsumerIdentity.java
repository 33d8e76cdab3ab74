package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This consumer's name on its claims: configured, or random per start. */
@Component
class ConsumerIdentity {

    private final String name;

    ConsumerIdentity(ConsumerProperties properties) {
        this.name = properties.instanceId().isBlank()
                ? "consumer-" + UUID.randomUUID().toString().substring(0, 8)
                : properties.instanceId();
    }

    String name() {
        return name;
    }
}
