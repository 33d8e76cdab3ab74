package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.testing.WebhookReceiver.Received;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A consumer with two signing secrets, given the way an operator gives them (TIMERS_WEBHOOK_SECRETS, space
 * separated), on the real broker and store: what a real receiver gets carries one valid signature per secret,
 * checked against the exact bytes and headers that arrived.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SignedWebhooksIT {

    private static final String CURRENT = StandardWebhooksReference.randomSecret();
    private static final String PREVIOUS = StandardWebhooksReference.randomSecret();

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final WebhookReceiver receiver = WebhookReceiver.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        // What application.yml reads when timers.webhooks.signing-secrets is not set itself.
        registry.add("TIMERS_WEBHOOK_SECRETS", () -> CURRENT + " " + PREVIOUS);
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

    @Test
    void everyCallCarriesOneValidSignaturePerSecret() {
        Instant now = Instant.now();
        Timer timer = Timer.schedule(receiver.url(), now.plusMillis(200), now);
        repository.create(timer, false);

        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        List<Received> calls = receiver.receivedFor(timer.id());
        assertThat(calls).hasSize(1);
        Received call = calls.getFirst();
        String id = call.header("webhook-id");
        String timestamp = call.header("webhook-timestamp");
        assertThat(id).isEqualTo(timer.id().toString());
        assertThat(Long.parseLong(timestamp))
                .isBetween(now.getEpochSecond(), Instant.now().getEpochSecond());
        assertThat(call.rawBody()).isNotEmpty();

        assertThat(call.header("webhook-signature").split(" "))
                .containsExactly(
                        StandardWebhooksReference.sign(CURRENT, id, timestamp, call.rawBody()),
                        StandardWebhooksReference.sign(PREVIOUS, id, timestamp, call.rawBody()));
        // And as a receiver using the official library checks it, with either secret.
        String payload = new String(call.rawBody(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = call.headers();
        for (String secret : List.of(CURRENT, PREVIOUS)) {
            assertThatCode(() -> new Webhook(secret).verify(payload, headers)).doesNotThrowAnyException();
        }
    }
}
