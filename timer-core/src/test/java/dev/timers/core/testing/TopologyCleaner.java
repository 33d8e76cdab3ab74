package dev.timers.core.testing;

import dev.timers.core.delay.LadderTopology;
import dev.timers.core.delay.QueueType;
import dev.timers.core.delay.TopologyNames;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/** Declares a test's exchanges and queues on the shared broker, and removes them afterwards. */
public final class TopologyCleaner {

    private TopologyCleaner() {}

    /** Deletes everything the ladder declares under {@code prefix}, of either kind of queue. */
    public static void deleteAll(String prefix) {
        for (QueueType queues : QueueType.values()) {
            delete(ladder(prefix, queues));
        }
    }

    /**
     * Messages on their way in the ladder under {@code prefix}, of either kind of queue; the dead-letter queues
     * not counted.
     */
    public static long messageCount(String prefix) {
        var connectionFactory = TestInfrastructure.rabbitConnectionFactory();
        try {
            var admin = new RabbitAdmin(connectionFactory);
            long count = 0;
            for (QueueType queues : QueueType.values()) {
                String deadQueue = new TopologyNames(prefix, queues).deadQueue();
                count += ladder(prefix, queues).getDeclarablesByType(Queue.class).stream()
                        .filter(queue -> !queue.getName().equals(deadQueue))
                        .map(queue -> admin.getQueueInfo(queue.getName()))
                        .mapToLong(info -> info == null ? 0 : info.getMessageCount())
                        .sum();
            }
            return count;
        } finally {
            connectionFactory.destroy();
        }
    }

    private static Declarables ladder(String prefix, QueueType queues) {
        return new LadderTopology(new TopologyNames(prefix, queues), 16, 5).declarables();
    }

    /** Declares in the order the broker needs: exchanges, then queues, then the bindings between them. */
    public static void declare(Declarables declarables) {
        var connectionFactory = TestInfrastructure.rabbitConnectionFactory();
        try {
            var admin = new RabbitAdmin(connectionFactory);
            declarables.getDeclarablesByType(Exchange.class).forEach(admin::declareExchange);
            declarables.getDeclarablesByType(Queue.class).forEach(admin::declareQueue);
            declarables.getDeclarablesByType(Binding.class).forEach(admin::declareBinding);
        } finally {
            connectionFactory.destroy();
        }
    }

    public static void delete(Declarables declarables) {
        var connectionFactory = TestInfrastructure.rabbitConnectionFactory();
        try {
            var admin = new RabbitAdmin(connectionFactory);
            declarables.getDeclarablesByType(Queue.class).forEach(queue -> admin.deleteQueue(queue.getName()));
            declarables
                    .getDeclarablesByType(Exchange.class)
                    .forEach(exchange -> admin.deleteExchange(exchange.getName()));
        } finally {
            connectionFactory.destroy();
        }
    }
}
