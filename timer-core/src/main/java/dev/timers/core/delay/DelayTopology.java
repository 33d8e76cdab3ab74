package dev.timers.core.delay;

import java.time.Duration;
import org.springframework.amqp.core.Declarables;

/** A delayed exchange on RabbitMQ: what to declare, and how to address a message so it arrives later. */
public interface DelayTopology {

    /** The exchanges, queues and bindings this topology needs, declared whenever a connection opens. */
    Declarables declarables();

    /** Where to publish a message that must reach the due queue after {@code delay} and not before. */
    Route route(Duration delay);

    /**
     * Where to publish a wake-up for its fire time, {@code delay} from now, that a consumer holds until then: it
     * may reach the due queue a little before (the ladder's {@code timers.delay.early}), never after for the
     * topology's own sake. As {@link #route} unless a topology gains by it.
     */
    default Route routeEarly(Duration delay) {
        return route(delay);
    }

    /** The longest delay this topology can carry. */
    Duration maxDelay();
}
