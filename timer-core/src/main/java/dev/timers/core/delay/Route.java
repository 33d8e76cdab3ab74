package dev.timers.core.delay;

import java.util.Map;

/**
 * Where to publish a message so that it reaches the due queue after the wanted delay.
 *
 * @param exchange the exchange to publish to
 * @param routingKey the routing key, which for the ladder carries the delay itself
 * @param headers message headers the topology needs (none for the ladder)
 * @param routedWhenDue true where the exchange routes the message only when it is due (the plugin's), so the
 *     broker's immediate "no route" return says nothing about whether the message will arrive
 */
public record Route(String exchange, String routingKey, Map<String, Object> headers, boolean routedWhenDue) {

    public Route {
        headers = Map.copyOf(headers);
    }
}
