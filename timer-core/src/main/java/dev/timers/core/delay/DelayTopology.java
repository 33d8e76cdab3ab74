package dev.timers.core.delay;

import java.time.Duration;
import org.springframework.amqp.core.Declarables;

/** A delayed exchange on RabbitMQ: what to declare, and how to address a message so it arrives later. */
public interface DelayTopology {

    /** The exchanges, queues and bindings this topology needs, declared whenever a connection opens. */
    Declarables declarables();

    /** Where to publish a message that must reach the due queue after {@code delay} and not before. */
    Route route(Duration delay);

    /** The longest delay this topology can carry. */
    Duration maxDelay();
}
