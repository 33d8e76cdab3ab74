package dev.timers.core.delay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Binding.DestinationType;
import org.springframework.amqp.core.CustomExchange;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;

/**
 * The delayed exchange of the rabbitmq_delayed_message_exchange plugin: one exchange of type {@code
 * x-delayed-message} that holds each message for its {@code x-delay} header, then routes it (as a direct
 * exchange) to the due queue. The plugin keeps a single copy on one node and wraps delays above 2^32-1 ms, so
 * delays here stay within a day; the horizon keeps them far below that.
 */
public final class PluginTopology implements DelayTopology {

    static final String EXCHANGE_TYPE = "x-delayed-message";
    private static final String ROUTING_KEY = "due";
    private static final Duration MAX_DELAY = Duration.ofDays(1);

    private final TopologyNames names;

    public PluginTopology(TopologyNames names) {
        this.names = names;
    }

    @Override
    public Declarables declarables() {
        List<Declarable> declarables = new ArrayList<>();
        declarables.add(new CustomExchange(
                names.delayedExchange(), EXCHANGE_TYPE, true, false, Map.of("x-delayed-type", "direct")));
        declarables.add(
                new Binding(names.dueQueue(), DestinationType.QUEUE, names.delayedExchange(), ROUTING_KEY, null));
        declarables.addAll(DueQueue.declarables(names));
        return new Declarables(declarables);
    }

    @Override
    public Route route(Duration delay) {
        long millis = DelayMillis.roundedUp(delay, MAX_DELAY.toMillis());
        return new Route(names.delayedExchange(), ROUTING_KEY, Map.of("x-delay", millis), true);
    }

    @Override
    public Duration maxDelay() {
        return MAX_DELAY;
    }
}
