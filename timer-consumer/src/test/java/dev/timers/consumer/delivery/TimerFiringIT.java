package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.delay.DelayTopology;
import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.delay.TopologyNames;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.store.TimerTable;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerOptions;
import dev.timers.core.timer.TimerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The consumer on the real broker and store, calling a real HTTP receiver on loopback. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        // No signing secret, whatever this machine's environment holds.
        properties = {
            "timers.consumer.delivery.max-deliveries=3",
            "timers.webhooks.signing-secrets=",
            // The ladder whatever the broker has, for the test of wake-ups that leave it early.
            "timers.delay.mode=ladder"
        })
class TimerFiringIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final WebhookReceiver receiver = WebhookReceiver.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
    }

    @AfterAll
    static void cleanUp() {
        receiver.close();
        infrastructure.close();
    }

    @Autowired
    TimerRepository repository;

    @Autowired
    DelayedPublisher publisher;

    @Autowired
    DelayTopology topology;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    TopologyNames names;

    @Autowired
    MeterRegistry meters;

    @Test
    void callsTheTargetOnceWithTheTimersIdAndRecordsTheDelivery() {
        Timer timer = scheduled(receiver.url(), Duration.ofMillis(300));

        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        var calls = receiver.receivedFor(timer.id());
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().method()).isEqualTo("POST");
        assertThat(calls.getFirst().body())
                .contains("\"id\":\"" + timer.id() + "\"")
                .contains("\"attempt\":1");
        assertThat(repository.find(timer.id()).orElseThrow().deliveredAt()).isAfterOrEqualTo(timer.fireAt());
    }

    /**
     * A timer whose URL, headers and body carry secrets is fired, and its call logged: the log shows where it
     * went, never the query, a header's value or the body.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theLogShowsNoSecretOfATimersUrlHeadersOrBody(CapturedOutput output) {
        Instant now = Instant.now();
        var request = new TargetRequest(
                "POST",
                // webhook-id is Timers' own: not sent, and its refusal logged by name only.
                Map.of("Authorization", "Bearer s3cret-header", "webhook-id", "s3cret-forged"),
                "{\"key\":\"s3cret-body\"}",
                "application/json");
        URI url = URI.create(receiver.url() + "?token=s3cret&other=1");
        Timer timer =
                Timer.schedule(UUID.randomUUID(), url, request, TimerOptions.DEFAULT, now, now, Timer.ANONYMOUS_OWNER);
        repository.create(timer, false);

        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        var call = receiver.receivedFor(timer.id()).getFirst();
        assertThat(call.header("Authorization")).isEqualTo("Bearer s3cret-header");
        assertThat(call.body()).contains("s3cret-body");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> output.getAll().contains("Timer " + timer.id() + " delivered"));
        assertThat(output.getAll())
                .contains(
                        "Timer " + timer.id() + " claimed, calling http://" + url.getAuthority() + "/hook (attempt 1)")
                .contains("header webhook-id not sent")
                .doesNotContain("s3cret");
    }

    @Test
    void aWakeUpThatLeavesTheLadderBeforeItsTimeIsHeldUntilThenAndFiresAtOnce() {
        // The ladder lets this wake-up out up to timers.delay.early (400 ms by default) before its time.
        assertThat(topology.routeEarly(Duration.ofMillis(2_300)))
                .isNotEqualTo(topology.route(Duration.ofMillis(2_300)));
        Timer timer = scheduled(receiver.url(), Duration.ofMillis(2_300));

        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        Timer delivered = repository.find(timer.id()).orElseThrow();
        // Fired by that very wake-up: not before its time, not left to the rescuer, and one call.
        assertThat(delivered.rescues()).isZero();
        assertThat(delivered.attempts()).hasSize(1);
        assertThat(delivered.attempts().getFirst().at())
                .isAfterOrEqualTo(timer.fireAt())
                .isBefore(timer.fireAt().plusSeconds(3));
    }

    @Test
    void withoutSecretsTheCallCarriesNoSignature() {
        Timer timer = scheduled(receiver.url(), Duration.ZERO);

        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        var call = receiver.receivedFor(timer.id()).getFirst();
        assertThat(call.header("webhook-timestamp")).isNotNull();
        assertThat(call.headers()).doesNotContainKey("webhook-signature");
    }

    @Test
    void aDuplicateMessageDoesNotCallTheTargetAgain() {
        Timer timer = scheduled(receiver.url(), Duration.ZERO);
        var message = new DueTimerMessage(timer.id(), timer.fireAt());

        publisher.publish(message);
        publisher.publish(message);
        publisher.publish(message);
        rabbit.convertAndSend(names.dueExchange(), "again", message);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> infrastructure.messagesInBroker() == 0
                        && repository.find(timer.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.receivedFor(timer.id()).size() == 1);
    }

    @Test
    void aMessageForAnEarlierFireTimeIsDroppedAndTheTimersCurrentMessageStillFiresIt() {
        // Due now and marked as in the broker, so only the messages below could fire it.
        Instant now = Instant.now();
        Timer timer = Timer.schedule(receiver.url(), now.minusMillis(100), now);
        repository.create(timer, true);
        double droppedBefore = dropped();

        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt().minus(Duration.ofHours(1))));

        await("the stale message counted as dropped")
                .atMost(Duration.ofSeconds(10))
                .until(() -> dropped() > droppedBefore);
        assertThat(repository.find(timer.id()).orElseThrow().status()).isEqualTo(TimerStatus.SCHEDULED);
        assertThat(receiver.receivedFor(timer.id())).isEmpty();

        // The control: the same timer, with a message naming its current fire time, is fired. So the message
        // above was dropped for its fire time, not because this timer could not be fired at all.
        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));

        await("the current message delivers the timer")
                .atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        var calls = receiver.receivedFor(timer.id());
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().body()).contains("\"attempt\":1");
    }

    @Test
    void aTargetThatRefusesIsRecordedAsFailedWithTheReason() {
        receiver.thenRespond(new MockResponse.Builder().code(404).build());
        Timer timer = scheduled(receiver.url(), Duration.ZERO);

        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.FAILED);
        assertThat(repository.find(timer.id()).orElseThrow().lastError()).isEqualTo("HTTP 404");
    }

    @Test
    void aMessageThatCannotBeReadIsDeadLetteredAndTheConsumerGoesOn() {
        var poison = new Message("{not json".getBytes(), new MessageProperties());

        rabbit.send(names.dueExchange(), "poison", poison);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var dead = rabbit.receive(names.deadQueue(), 200);
            return dead != null && new String(dead.getBody()).equals("{not json");
        });
        callsTheTargetOnceWithTheTimersIdAndRecordsTheDelivery();
    }

    @Test
    void aMessageWhoseHandlingKeepsFailingIsDeadLetteredAfterMaxDeliveriesAndTheConsumerGoesOn() {
        // An item the store refuses to update (its version is text, so "version + 1" is invalid): every claim
        // fails, and not because the store is away.
        Timer timer = scheduled(receiver.url(), Duration.ZERO);
        infrastructure
                .dynamo()
                .updateItem(b -> b.tableName(infrastructure.table())
                        .key(Map.of(
                                TimerTable.ID, AttributeValue.fromS(timer.id().toString())))
                        .updateExpression("SET #version = :text")
                        .expressionAttributeNames(Map.of("#version", TimerTable.VERSION))
                        .expressionAttributeValues(Map.of(":text", AttributeValue.fromS("corrupt"))));

        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));

        var dead = new AtomicReference<Message>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var message = rabbit.receive(names.deadQueue(), 200);
            if (message != null
                    && new String(message.getBody()).contains(timer.id().toString())) {
                dead.set(message);
            }
            return dead.get() != null;
        });
        assertThat((Object) dead.get().getMessageProperties().getHeader(PoisonMessages.FAILED_DELIVERIES))
                .isEqualTo(2);
        assertThat(meters.find("timers.messages.poison")
                        .tag("action", "dead_lettered")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(receiver.receivedFor(timer.id())).isEmpty();
        callsTheTargetOnceWithTheTimersIdAndRecordsTheDelivery();
    }

    private double dropped() {
        var counter = meters.find("timers.fired").tag("outcome", "dropped").counter();
        return counter == null ? 0 : counter.count();
    }

    private Timer scheduled(URI url, Duration delay) {
        Instant now = Instant.now();
        Timer timer = Timer.schedule(url, now.plus(delay), now);
        repository.create(timer, false);
        return timer;
    }
}
