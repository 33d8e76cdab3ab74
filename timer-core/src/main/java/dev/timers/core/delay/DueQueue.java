package dev.timers.core.delay;

import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The end of every topology: the due queue the consumers read, and the dead-letter queue where a message
 * that cannot be handled (one that does not parse, say) is kept for an operator instead of being retried
 * forever. On quorum queues the due queue also dead-letters a message handed out {@value
 * QueueType#DUE_DELIVERY_LIMIT} times, such as one that makes every consumer crash.
 */
final class DueQueue {

    private DueQueue() {}

    static List<Declarable> declarables(TopologyNames names) {
        TopicExchange due = new TopicExchange(names.dueExchange(), true, false);
        QueueBuilder dueQueueBuilder = names.queues().deadLettering(names.dueQueue(), names.deadExchange());
        if (names.queues() == QueueType.QUORUM) {
            dueQueueBuilder.deliveryLimit(QueueType.DUE_DELIVERY_LIMIT);
        }
        Queue dueQueue = dueQueueBuilder.build();
        FanoutExchange dead = new FanoutExchange(names.deadExchange(), true, false);
        Queue deadQueue = names.queues().durable(names.deadQueue()).build();
        Binding dueBinding = BindingBuilder.bind(dueQueue).to(due).with("#");
        Binding deadBinding = BindingBuilder.bind(deadQueue).to(dead);
        return List.of(due, dueQueue, dueBinding, dead, deadQueue, deadBinding);
    }
}
