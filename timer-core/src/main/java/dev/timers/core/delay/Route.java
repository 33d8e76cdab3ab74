package dev.timers.core.delay;

import java.util.Map;

/**
 * Where to publish a message so that it reaches the due queue after the wanted delay.
 *
 * @param exchange the exchange to publish to
 * @param routingKey the routing key, which for the ladder carries the delay itself
 * @param headers message headers the topology needs (none for the ladder)
 */
public record Route(String exchange, String routingKey, Map<String, Object> headers) {

    public Route {
        headers = Map.copyOf(headers);
    }
}
