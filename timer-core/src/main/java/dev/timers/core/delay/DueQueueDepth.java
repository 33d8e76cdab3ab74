package dev.timers.core.delay;

import java.util.OptionalLong;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * How many wake-ups wait in the due queue for a consumer to take them, asked of the broker with a passive
 * declare (no management plugin needed). While any wait, the consumers are behind, and an overdue timer whose
 * wake-up went into the broker most likely has it among them.
 */
public class DueQueueDepth {

    private final RabbitTemplate rabbit;
    private final String dueQueue;

    public DueQueueDepth(RabbitTemplate rabbit, TopologyNames names) {
        this.rabbit = rabbit;
        this.dueQueue = names.dueQueue();
    }

    /** The wake-ups ready in the due queue, or empty when the broker cannot be asked. */
    public OptionalLong ready() {
        try {
            Integer ready = rabbit.execute(
                    channel -> channel.queueDeclarePassive(dueQueue).getMessageCount());
            return ready == null ? OptionalLong.empty() : OptionalLong.of(ready);
        } catch (AmqpException e) {
            return OptionalLong.empty();
        }
    }
}
