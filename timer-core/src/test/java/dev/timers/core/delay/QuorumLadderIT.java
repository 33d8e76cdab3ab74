package dev.timers.core.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.timers.core.testing.TestBackends;
import dev.timers.core.testing.TopologyCleaner;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The ladder on quorum queues, on the real broker: every test of {@link LadderDelayTests} (the broker takes the
 * arguments, messages arrive after their delay and never before, no head-of-line blocking), and beyond them that
 * the broker really holds quorum queues, and that a broker that still has a classic topology under the same
 * prefix starts the quorum one beside it instead of refusing it.
 */
class QuorumLadderIT extends LadderDelayTests {

    /** Every hop of a quorum queue is written to disk before it is confirmed: a little more than classic's. */
    QuorumLadderIT() {
        super(QueueType.QUORUM, Duration.ofMillis(250));
    }

    @Test
    void theBrokerHoldsTheLadderAndTheDueQueueAsQuorumQueues() throws Exception {
        // What the broker says it holds; only its own tool tells a queue's type.
        var answer = TestBackends.rabbitmqctl("list_queues", "name", "type", "--quiet");
        assumeTrue(answer.isPresent(), "rabbitmqctl answers");
        String listing = answer.orElseThrow();
        Map<String, String> types = new HashMap<>();
        listing.lines()
                .map(line -> line.split("\\s+"))
                .filter(columns -> columns.length == 2 && columns[0].startsWith(names.prefix()))
                .forEach(columns -> types.put(columns[0], columns[1]));

        var declared = ladder.declarables().getDeclarablesByType(Queue.class).stream()
                .map(Queue::getName)
                .toList();
        assertThat(declared).hasSize(77);
        assertThat(declared).allSatisfy(name -> assertThat(types).containsEntry(name, "quorum"));
    }

    @Test
    void aClassicLadderUnderTheSamePrefixDoesNotStopTheQuorumOneFromBeingDeclared() {
        var classic = new TopologyNames(names.prefix(), QueueType.CLASSIC);
        // What a broker that ran the classic ladder under this prefix still holds.
        TopologyCleaner.declare(new LadderTopology(classic, 16, 5).declarables());

        assertThatCode(() -> TopologyCleaner.declare(ladder.declarables())).doesNotThrowAnyException();
        var admin = new RabbitAdmin(connectionFactory);
        assertThat(admin.getQueueInfo(classic.dueQueue())).isNotNull();
        assertThat(admin.getQueueInfo(names.dueQueue())).isNotNull();
    }
}
