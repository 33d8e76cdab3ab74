package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.testing.WebhookReceiver;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A consumer whose encryption key is not the one the API sealed an owner's secrets under never sends that owner's
 * webhooks unsigned or signed wrongly: each attempt is a retryable failure that says why, and no log shows the
 * secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreadableSigningSecretsIT {

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final SigningSecretsApi api = new SigningSecretsApi(cluster);

    @BeforeAll
    static void startServices() {
        cluster.startApi(SigningSecretsApi.keysFor("owner-d"));
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        cluster.startConsumer(
                Map.of("timers.secrets.encryption-key", Base64.getEncoder().encodeToString(otherKey)));
    }

    @AfterAll
    static void stopServices() {
        cluster.close();
    }

    @Test
    void aWebhookWhoseSecretsDoNotOpenIsNotSentAndIsRetriedWithTheReason(CapturedOutput output) {
        var secret = api.makeSecret("owner-d");
        try (var receiver = WebhookReceiver.start()) {
            UUID timer = api.createTimer("owner-d", "\"seconds\":1", receiver.url());

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                String view = api.timer("owner-d", timer);
                return view.contains("another key") && (Integer) JsonPath.read(view, "$.attempts.length()") >= 2;
            });

            String view = api.timer("owner-d", timer);
            assertThat(receiver.receivedFor(timer)).isEmpty();
            assertThat((String) JsonPath.read(view, "$.attempts[0].error"))
                    .startsWith("not sent: the signing secrets of owner owner-d cannot be read");
            assertThat(view).doesNotContain(secret.value().substring("whsec_".length()));
            assertThat(output.getAll())
                    .contains("Webhook of owner 'owner-d' not sent")
                    .doesNotContain(secret.value().substring("whsec_".length()));
        }
    }
}
