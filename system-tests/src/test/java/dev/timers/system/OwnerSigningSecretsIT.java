package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.testing.WebhookReceiver.Received;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each owner's webhooks are signed with its own secrets only, through both services on the real broker and
 * store, and checked as a receiver would, with the official Standard Webhooks library. A deployment-wide secret
 * is configured too, and signs neither owner's webhooks.
 */
class OwnerSigningSecretsIT {

    /** How long the consumer keeps an owner's secrets: the longest a change takes to be used. */
    private static final Duration CACHE_BOUND = Duration.ofSeconds(2);

    /** Fires after the cache bound has passed since the change before it. */
    private static final String AFTER_THE_BOUND = "\"delay\":\"PT3S\"";

    private static final String DEPLOYMENT_SECRET = randomSecret();
    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final SigningSecretsApi api = new SigningSecretsApi(cluster);

    @BeforeAll
    static void startServices() {
        cluster.startApi(SigningSecretsApi.keysFor("owner-a", "owner-b", "owner-c", "forger", "victim"));
        cluster.startConsumer(Map.of(
                "timers.webhooks.signing-secrets",
                DEPLOYMENT_SECRET,
                "timers.webhooks.owner-secrets-cache",
                CACHE_BOUND.toString()));
    }

    @AfterAll
    static void stopServices() {
        cluster.close();
    }

    @Test
    void eachOwnersWebhooksVerifyWithItsOwnSecretAndNotWithAnotherOwners() {
        var ofA = api.makeSecret("owner-a");
        var ofB = api.makeSecret("owner-b");
        try (var receiver = WebhookReceiver.start()) {
            UUID timerOfA = api.createTimer("owner-a", "\"seconds\":1", receiver.url());
            UUID timerOfB = api.createTimer("owner-b", "\"seconds\":1", receiver.url());

            Received callOfA = firstCall(receiver, timerOfA);
            Received callOfB = firstCall(receiver, timerOfB);

            assertThat(signatures(callOfA)).hasSize(1);
            assertThat(signatures(callOfB)).hasSize(1);
            assertVerifies(callOfA, ofA.value());
            assertVerifies(callOfB, ofB.value());
            assertRejected(callOfA, ofB.value());
            assertRejected(callOfB, ofA.value());
            // The deployment-wide secret signs only the anonymous owner's timers, which there are none of here.
            assertRejected(callOfA, DEPLOYMENT_SECRET);
            assertRejected(callOfB, DEPLOYMENT_SECRET);
        }
    }

    @Test
    void aWebhookForgedWithOneOwnersSecretIsRejectedByAnotherOwnersReceiver() throws Exception {
        var ofA = api.makeSecret("forger");
        var ofB = api.makeSecret("victim");
        // Owner A holds its own secret, and makes up a call to owner B's receiver with it.
        String id = UUID.randomUUID().toString();
        long now = Instant.now().getEpochSecond();
        String payload = "{\"id\":\"" + id + "\",\"attempt\":1}";
        var forged = Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(new Webhook(ofA.value()).sign(id, now, payload)));

        assertThatThrownBy(() -> new Webhook(ofB.value()).verify(payload, forged))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatCode(() -> new Webhook(ofA.value()).verify(payload, forged)).doesNotThrowAnyException();
    }

    @Test
    void aRotationSignsWithBothSecretsUntilTheOldOneIsDeletedThenWithTheNewOneOnly() {
        try (var receiver = WebhookReceiver.start()) {
            var old = api.makeSecret("owner-c");
            Received before = firstCall(receiver, api.createTimer("owner-c", AFTER_THE_BOUND, receiver.url()));
            assertThat(signatures(before)).hasSize(1);
            assertVerifies(before, old.value());

            var next = api.makeSecret("owner-c");
            Received during = firstCall(receiver, api.createTimer("owner-c", AFTER_THE_BOUND, receiver.url()));
            assertThat(signatures(during)).hasSize(2);
            assertVerifies(during, old.value());
            assertVerifies(during, next.value());

            assertThat(api.deleteSecret("owner-c", old.id()).statusCode()).isEqualTo(204);
            // Created at once, due after the bound: by then the deleted secret no longer signs.
            Received after = firstCall(receiver, api.createTimer("owner-c", AFTER_THE_BOUND, receiver.url()));
            assertThat(signatures(after)).hasSize(1);
            assertVerifies(after, next.value());
            assertRejected(after, old.value());
        }
    }

    private static Received firstCall(WebhookReceiver receiver, UUID timer) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !receiver.receivedFor(timer).isEmpty());
        return receiver.receivedFor(timer).getFirst();
    }

    private static List<String> signatures(Received call) {
        return List.of(call.header("webhook-signature").split(" "));
    }

    private static void assertVerifies(Received call, String secret) {
        assertThatCode(() -> new Webhook(secret).verify(payload(call), call.headers()))
                .doesNotThrowAnyException();
    }

    private static void assertRejected(Received call, String secret) {
        assertThatThrownBy(() -> new Webhook(secret).verify(payload(call), call.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    private static String payload(Received call) {
        return new String(call.rawBody(), StandardCharsets.UTF_8);
    }

    private static String randomSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
