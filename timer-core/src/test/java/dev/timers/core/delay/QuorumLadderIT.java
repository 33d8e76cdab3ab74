package dev.timers.core.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.TopologyCleaner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/**
 * The ladder on quorum queues, on the real broker: the broker takes the arguments (message TTL and at-least-once
 * dead-lettering on quorum queues), messages arrive after their delay and never before, and a broker that still
 * has a classic topology under the same prefix starts the quorum one beside it instead of refusing it.
 */
class QuorumLadderIT {

    /** Every hop of a quorum queue is written to disk before it is confirmed: a little more than classic's. */
    private static final Duration TOLERANCE = Duration.ofMillis(250);

    private static final String PREFIX =
            "test.quorum." + UUID.randomUUID().toString().substring(0, 8);
    private static final TopologyNames names = new TopologyNames(PREFIX, QueueType.QUORUM);
    private static final LadderTopology ladder = new LadderTopology(names, 16, 5);
    private static final Map<UUID, Instant> arrivals = new ConcurrentHashMap<>();

    private static CachingConnectionFactory connectionFactory;
    private static SimpleMessageListenerContainer listener;
    private static DelayedPublisher publisher;

    @BeforeAll
    static void declareTopologyAndListen() {
        connectionFactory = TestInfrastructure.rabbitConnectionFactory();
        // What a broker that ran the classic ladder under this prefix still holds.
        TopologyCleaner.declare(new LadderTopology(new TopologyNames(PREFIX, QueueType.CLASSIC), 16, 5).declarables());
        TopologyCleaner.declare(ladder.declarables());
        var converter = new DueTimerMessageConverter();
        var template = new RabbitTemplate(connectionFactory);
        template.setMessageConverter(converter);
        template.setMandatory(true);
        publisher = new DelayedPublisher(
                template, ladder, Clock.systemUTC(), Duration.ofSeconds(5), new SimpleMeterRegistry());
        listener = new SimpleMessageListenerContainer(connectionFactory);
        listener.setQueueNames(names.dueQueue());
        listener.setMessageListener(
                message -> arrivals.put(converter.fromMessage(message).id(), Instant.now()));
        listener.start();
    }

    @AfterAll
    static void cleanUp() {
        listener.stop();
        connectionFactory.destroy();
        TopologyCleaner.deleteAll(PREFIX);
    }

    @ParameterizedTest(name = "{0} ms")
    @ValueSource(longs = {50, 1000, 3700})
    void deliversAtTheFireTimeAndNotBefore(long delayMillis) {
        var message = new DueTimerMessage(UUID.randomUUID(), Instant.now().plusMillis(delayMillis));

        assertThat(publisher.publish(message)).isEqualTo(new PublishOutcome.Confirmed());

        await().atMost(Duration.ofMillis(delayMillis).plusSeconds(10)).until(() -> arrivals.containsKey(message.id()));
        assertThat(arrivals.get(message.id()))
                .isBetween(message.fireAt(), message.fireAt().plus(TOLERANCE));
    }

    @Test
    void theBrokerHoldsTheLadderAndTheDueQueueAsQuorumQueues() throws Exception {
        // What the broker says it holds; only its own tool tells a queue's type.
        var process = new ProcessBuilder("rabbitmqctl", "list_queues", "name", "type", "--quiet")
                .redirectErrorStream(true)
                .start();
        String listing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "rabbitmqctl answers");
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
        assertThatCode(() -> TopologyCleaner.declare(ladder.declarables())).doesNotThrowAnyException();
        var admin = new RabbitAdmin(connectionFactory);
        assertThat(admin.getQueueInfo(new TopologyNames(PREFIX, QueueType.CLASSIC).dueQueue()))
                .isNotNull();
        assertThat(admin.getQueueInfo(names.dueQueue())).isNotNull();
    }
}
