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
import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerOptions;
import dev.timers.core.timer.TimerStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The request a timer asks for, as a real receiver gets it from a signing consumer on the real broker and store:
 * its method, its client's headers and its body byte for byte, beside our own Standard Webhooks headers, whose
 * signature a receiver verifies over exactly the body that arrived.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TargetRequestsIT {

    private static final String SECRET = StandardWebhooksReference.randomSecret();

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final WebhookReceiver receiver = WebhookReceiver.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        registry.add("timers.webhooks.signing-secrets", () -> SECRET);
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
    void aPutCarriesTheClientsJsonBodyByteForByteAndItsHeadersBesideOurs() {
        var request = new TargetRequest(
                "PUT", Map.of("X-Trace", "abc", "Authorization", "Bearer t"), "{\"b\":[1,2]}", "application/json");

        Received call = fired(request);

        assertThat(call.method()).isEqualTo("PUT");
        assertThat(call.rawBody()).isEqualTo("{\"b\":[1,2]}".getBytes(StandardCharsets.UTF_8));
        assertThat(call.headers().get("content-type")).containsExactly("application/json");
        assertThat(call.headers().get("x-trace")).containsExactly("abc");
        assertThat(call.headers().get("authorization")).containsExactly("Bearer t");
        assertOursAndSigned(call);
    }

    @Test
    void aPatchCarriesATextBodyAsItsUtf8BytesWithTheClientsContentType() {
        String text = "Grüße aus Zürich, 東京 ✓\n  two spaces, a tab\tand no trailing newline";
        var request = new TargetRequest("PATCH", Map.of(), text, "text/plain; charset=utf-8");

        Received call = fired(request);

        assertThat(call.method()).isEqualTo("PATCH");
        assertThat(call.rawBody()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(call.headers().get("content-type")).containsExactly("text/plain; charset=utf-8");
        assertOursAndSigned(call);
    }

    @Test
    void aGetWithoutABodySendsNoBodyAndIsSignedOverNoBytes() {
        Received call = fired(new TargetRequest("GET", Map.of("Accept", "text/plain"), null, null));

        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.rawBody()).isEmpty();
        assertThat(call.headers()).doesNotContainKeys("content-type", "transfer-encoding");
        assertThat(call.header("accept")).isEqualTo("text/plain");
        assertOursAndSigned(call);
    }

    @Test
    void aDeleteWithoutABodySendsNoBodyAndIsSignedOverNoBytes() {
        Received call = fired(new TargetRequest("DELETE", Map.of(), null, null));

        assertThat(call.method()).isEqualTo("DELETE");
        assertThat(call.rawBody()).isEmpty();
        assertThat(call.headers()).doesNotContainKeys("content-type", "transfer-encoding");
        assertOursAndSigned(call);
    }

    @Test
    void aPutWithoutABodyOfItsOwnCarriesTheStandardPayload() {
        Timer timer = scheduled(new TargetRequest("PUT", Map.of(), null, null));

        Received call = fired(timer);

        assertThat(call.method()).isEqualTo("PUT");
        assertThat(call.header("content-type")).startsWith("application/json");
        assertThat(call.body()).contains("\"id\":\"" + timer.id() + "\"").contains("\"attempt\":1");
        assertOursAndSigned(call);
    }

    @Test
    void clientHeadersNeverReplaceOursNorSetTheHostTheFramingOrTheMediaType() {
        var forged = new TargetRequest(
                "POST",
                Map.of(
                        "webhook-id", "forged",
                        "Webhook-Timestamp", "1",
                        "webhook-signature", "v1,Zm9yZ2Vk",
                        "Host", "evil.example",
                        "Content-Type", "text/evil",
                        "Content-Length", "1",
                        "Transfer-Encoding", "chunked",
                        "X-Kept", "yes"),
                "{\"kept\":true}",
                "application/json");

        Received call = fired(forged);

        assertThat(call.headers().get("webhook-id")).hasSize(1);
        assertThat(call.headers().get("webhook-timestamp")).hasSize(1);
        assertThat(call.header("host")).isEqualTo(receiver.url().getAuthority());
        assertThat(call.headers().get("content-type")).containsExactly("application/json");
        assertThat(call.headers()).doesNotContainKey("transfer-encoding");
        assertThat(call.rawBody()).isEqualTo("{\"kept\":true}".getBytes(StandardCharsets.UTF_8));
        assertThat(call.header("x-kept")).isEqualTo("yes");
        assertOursAndSigned(call);
    }

    /** {@code webhook-id} and {@code webhook-timestamp} are ours, and the signature holds for the bytes sent. */
    private static void assertOursAndSigned(Received call) {
        assertThat(call.headers().get("webhook-id")).containsExactly(call.webhookId());
        long timestamp = Long.parseLong(call.header("webhook-timestamp"));
        assertThat(timestamp)
                .isBetween(
                        Instant.now().minusSeconds(60).getEpochSecond(),
                        Instant.now().getEpochSecond());
        assertThat(call.header("webhook-signature"))
                .isEqualTo(StandardWebhooksReference.sign(
                        SECRET, call.webhookId(), call.header("webhook-timestamp"), call.rawBody()));
        // And as a receiver using the official library checks it.
        String payload = new String(call.rawBody(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = call.headers();
        assertThatCode(() -> new Webhook(SECRET).verify(payload, headers)).doesNotThrowAnyException();
    }

    private Received fired(TargetRequest request) {
        return fired(scheduled(request));
    }

    private Received fired(Timer timer) {
        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        List<Received> calls = receiver.receivedFor(timer.id());
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().webhookId()).isEqualTo(timer.id().toString());
        return calls.getFirst();
    }

    private Timer scheduled(TargetRequest request) {
        Instant now = Instant.now();
        Timer timer = Timer.schedule(
                UUID.randomUUID(), receiver.url(), request, TimerOptions.DEFAULT, now, now, Timer.ANONYMOUS_OWNER);
        repository.create(timer, true);
        return timer;
    }
}
