package dev.timers.core.delay;

import org.springframework.amqp.core.QueueBuilder;

/**
 * What kind of queue holds the messages on their way ({@code timers.delay.queues}).
 *
 * <ul>
 *   <li>{@code quorum} (the default): replicated over the cluster's nodes (Raft), and dead-lettered from one
 *       ladder level to the next {@code at-least-once}: the broker keeps a message in its queue until the next
 *       queue has confirmed it, so a node that crashes mid-hop loses nothing. Needs RabbitMQ 3.10 or later (message
 *       TTL and at-least-once dead-lettering on quorum queues).
 *   <li>{@code classic}: one copy on one node; dead-lettering is not confirmed, so a crash mid-hop can drop the
 *       message (the rescuer then fires the timer after its grace). For brokers without quorum queues, such as
 *       a single-instance Amazon MQ broker.
 * </ul>
 *
 * The two live under different names (see {@link TopologyNames}), so switching leaves the other's queues alone
 * instead of failing on their arguments.
 */
public enum QueueType {
    QUORUM,
    CLASSIC;

    /**
     * How many times the due queue hands out one message before dead-lettering it: a message that makes every
     * consumer crash (rather than fail cleanly, which {@code PoisonMessages} counts) cannot loop for ever.
     */
    static final int DUE_DELIVERY_LIMIT = 20;

    /** A durable queue of this type. */
    QueueBuilder durable(String name) {
        return this == QUORUM ? QueueBuilder.durable(name).quorum() : QueueBuilder.durable(name);
    }

    /**
     * A durable queue of this type whose messages are dead-lettered into {@code exchange}: on quorum queues
     * at-least-once, which RabbitMQ allows only when a full queue refuses new messages rather than dropping old
     * ones.
     */
    QueueBuilder deadLettering(String name, String exchange) {
        QueueBuilder queue = durable(name).deadLetterExchange(exchange);
        if (this == QUORUM) {
            queue.withArgument("x-dead-letter-strategy", "at-least-once").overflow(QueueBuilder.Overflow.rejectPublish);
        }
        return queue;
    }
}
