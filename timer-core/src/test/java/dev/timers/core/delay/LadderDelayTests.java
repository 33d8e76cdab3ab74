package dev.timers.core.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.TopologyCleaner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/**
 * The ladder on the real broker: messages arrive after their delay, never before, and in expiry order. Run on
 * classic queues by {@link LadderDelayIT} and on quorum queues by {@link QuorumLadderIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LadderDelayTests {

    /** How late a message may arrive. */
    private final Duration tolerance;

    protected final TopologyNames names;
    protected final LadderTopology ladder;
    private final Map<UUID, Instant> arrivals = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<UUID> arrivalOrder = new CopyOnWriteArrayList<>();

    protected CachingConnectionFactory connectionFactory;
    private SimpleMessageListenerContainer listener;
    private DelayedPublisher publisher;

    protected LadderDelayTests(QueueType queues, Duration tolerance) {
        this.tolerance = tolerance;
        this.names =
                new TopologyNames("test.ladder." + UUID.randomUUID().toString().substring(0, 8), queues);
        this.ladder = new LadderTopology(names, 16, 5);
    }

    @BeforeAll
    void declareTopologyAndListen() {
        connectionFactory = TestInfrastructure.rabbitConnectionFactory();
        TopologyCleaner.declare(ladder.declarables());
        var converter = new DueTimerMessageConverter();
        var template = new RabbitTemplate(connectionFactory);
        template.setMessageConverter(converter);
        template.setMandatory(true);
        publisher = new DelayedPublisher(
                template, ladder, Clock.systemUTC(), Duration.ofSeconds(5), new SimpleMeterRegistry());

        listener = new SimpleMessageListenerContainer(connectionFactory);
        listener.setQueueNames(names.dueQueue());
        listener.setMessageListener(message -> {
            Instant now = Instant.now();
            var due = converter.fromMessage(message);
            arrivals.put(due.id(), now);
            arrivalOrder.add(due.id());
        });
        listener.start();
    }

    @AfterAll
    void cleanUp() {
        listener.stop();
        connectionFactory.destroy();
        // Both kinds: a test may have declared the other beside this one.
        TopologyCleaner.deleteAll(names.prefix());
    }

    @ParameterizedTest(name = "{0} ms")
    @ValueSource(longs = {50, 1000, 3700})
    void deliversAtTheFireTimeAndNotBefore(long delayMillis) {
        var message = new DueTimerMessage(UUID.randomUUID(), Instant.now().plusMillis(delayMillis));

        assertThat(publisher.publish(message)).isEqualTo(new PublishOutcome.Confirmed());

        await().atMost(Duration.ofMillis(delayMillis).plusSeconds(10)).until(() -> arrivals.containsKey(message.id()));
        assertThat(arrivals.get(message.id()))
                .isBetween(message.fireAt(), message.fireAt().plus(tolerance));
    }

    @Test
    void aShortDelayIsNotHeldBehindALongerOneWaitingAheadOfItInTheSameQueue() {
        // 8,000 ms (0x1f40) and 4,500 ms (0x1194), a few hundred ms clear of 4,096 so that the time spent
        // publishing does not change a digit: both have digit 1 at level 3, so both wait in that level's queue
        // "1", the longer one at its head. A queue holding several TTLs would keep the shorter one behind it.
        var longer = new DueTimerMessage(UUID.randomUUID(), Instant.now().plusMillis(8_000));
        var shorter = new DueTimerMessage(UUID.randomUUID(), Instant.now().plusMillis(4_500));
        assertThat(ladder.route(Duration.ofMillis(8_000)).routingKey()).isEqualTo("0.1.f.4.0.due");
        assertThat(ladder.route(Duration.ofMillis(4_500)).routingKey()).isEqualTo("0.1.1.9.4.due");

        assertThat(publisher.publish(longer).confirmed()).isTrue();
        assertThat(publisher.publish(shorter).confirmed()).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> arrivals.containsKey(longer.id()));
        assertThat(arrivals.get(shorter.id()))
                .as("the shorter one arrives on time")
                .isBetween(shorter.fireAt(), shorter.fireAt().plus(tolerance));
        assertThat(arrivalOrder.indexOf(shorter.id())).isNotNegative().isLessThan(arrivalOrder.indexOf(longer.id()));
    }

    @Test
    void aMessageNoQueueTakesIsReturnedNotLost() {
        var template = new RabbitTemplate(connectionFactory);
        template.setMessageConverter(new DueTimerMessageConverter());
        template.setMandatory(true);
        // An exchange that exists but routes nowhere: the broker confirms, and returns the message first.
        String nowhere = names.prefix() + ".nowhere";
        new RabbitAdmin(connectionFactory).declareExchange(new TopicExchange(nowhere, false, true));
        var meters = new SimpleMeterRegistry();
        var unroutable = new DelayedPublisher(
                template, new FixedRoute(nowhere), Clock.systemUTC(), Duration.ofSeconds(5), meters);

        var outcome = unroutable.publish(new DueTimerMessage(UUID.randomUUID(), Instant.now()));

        assertThat(outcome).isInstanceOf(PublishOutcome.Returned.class);
        assertThat(meters.counter("timers.published", "outcome", "returned").count())
                .isEqualTo(1);
    }

    /** A topology that sends everything to one exchange with no bindings. */
    private record FixedRoute(String exchange) implements DelayTopology {
        @Override
        public Declarables declarables() {
            return new Declarables();
        }

        @Override
        public Route route(Duration delay) {
            return new Route(exchange, "nowhere", Map.of(), false);
        }

        @Override
        public Duration maxDelay() {
            return Duration.ZERO;
        }
    }
}
