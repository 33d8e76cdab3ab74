package dev.timers.core.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;

/** The arguments that make the ladder and the due queue quorum queues with confirmed dead-lettering. */
class QuorumTopologyTest {

    private final TopologyNames quorum = new TopologyNames("t", QueueType.QUORUM);

    @Test
    void everyLadderQueueIsAQuorumQueueDeadLetteringAtLeastOnceToTheLevelBelow() {
        var queues = new LadderTopology(quorum, 16, 5).declarables().getDeclarablesByType(Queue.class);
        var ladderQueues = queues.stream()
                .filter(queue -> queue.getName().startsWith("t.quorum.delay."))
                .toList();

        assertThat(ladderQueues).hasSize(75);
        assertThat(ladderQueues)
                .allSatisfy(queue -> assertThat(queue.getArguments())
                        .containsEntry("x-queue-type", "quorum")
                        .containsEntry("x-dead-letter-strategy", "at-least-once")
                        .containsEntry("x-overflow", "reject-publish")
                        .containsKey("x-message-ttl"));
        assertThat(argumentsOf(ladderQueues, "t.quorum.delay.0.3"))
                .containsEntry("x-message-ttl", 3)
                .containsEntry("x-dead-letter-exchange", "t.quorum.due");
        assertThat(argumentsOf(ladderQueues, "t.quorum.delay.2.1"))
                .containsEntry("x-message-ttl", 256)
                .containsEntry("x-dead-letter-exchange", "t.quorum.delay.1");
    }

    @Test
    void theDueQueueIsAQuorumQueueWithADeliveryLimitEndingInTheDeadLetterQueue() {
        var queues = new LadderTopology(quorum, 16, 5).declarables().getDeclarablesByType(Queue.class);

        assertThat(argumentsOf(queues, "t.quorum.due"))
                .containsEntry("x-queue-type", "quorum")
                .containsEntry("x-delivery-limit", QueueType.DUE_DELIVERY_LIMIT)
                .containsEntry("x-dead-letter-exchange", "t.quorum.dead")
                .containsEntry("x-dead-letter-strategy", "at-least-once");
        assertThat(argumentsOf(queues, "t.quorum.dead")).containsEntry("x-queue-type", "quorum");
    }

    @Test
    void aClassicTopologyKeepsItsNamesAndPlainQueues() {
        var queues = new LadderTopology(new TopologyNames("t", QueueType.CLASSIC), 16, 5)
                .declarables()
                .getDeclarablesByType(Queue.class);

        assertThat(queues).extracting(Queue::getName).contains("t.due", "t.dead", "t.delay.0.1");
        assertThat(queues)
                .allSatisfy(queue -> assertThat(queue.getArguments())
                        .doesNotContainKeys("x-queue-type", "x-dead-letter-strategy", "x-delivery-limit"));
    }

    private static Map<String, Object> argumentsOf(java.util.List<Queue> queues, String name) {
        return queues.stream()
                .filter(queue -> queue.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getArguments();
    }
}
