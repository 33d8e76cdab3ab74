package dev.timers.consumer.delivery;

import static dev.timers.consumer.delivery.StandardWebhooksReference.VECTOR_BODY;
import static dev.timers.consumer.delivery.StandardWebhooksReference.VECTOR_ID;
import static dev.timers.consumer.delivery.StandardWebhooksReference.VECTOR_SECRET;
import static dev.timers.consumer.delivery.StandardWebhooksReference.VECTOR_SIGNATURE;
import static dev.timers.consumer.delivery.StandardWebhooksReference.VECTOR_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.standardwebhooks.Webhook;
import dev.timers.consumer.WebhooksProperties;
import dev.timers.core.secrets.InvalidSigningSecretException;
import dev.timers.core.secrets.SigningSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class WebhookSignerTest {

    private static final String OWNER = "anonymous";
    private static final byte[] VECTOR_BODY_BYTES = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);

    @Test
    void theReferenceImplementationReproducesThePublishedTestVector() {
        assertThat(StandardWebhooksReference.sign(
                        VECTOR_SECRET, VECTOR_ID, Long.toString(VECTOR_TIMESTAMP), VECTOR_BODY_BYTES))
                .isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void theSignerReproducesThePublishedTestVector() {
        assertThat(signer(VECTOR_SECRET).signature(OWNER, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY_BYTES))
                .contains(VECTOR_SIGNATURE);
    }

    @Test
    void twoSecretsGiveTwoSignaturesInTheirOrderSeparatedByASpace() {
        String first = StandardWebhooksReference.randomSecret();
        String second = StandardWebhooksReference.randomSecret();
        byte[] body = "{\"id\":\"x\",\"note\":\"é\"}".getBytes(StandardCharsets.UTF_8);

        String header = signer("  " + first + "   " + second + "\n")
                .signature(OWNER, "an-id", 1700000000L, body)
                .orElseThrow();

        assertThat(header.split(" "))
                .containsExactly(
                        StandardWebhooksReference.sign(first, "an-id", "1700000000", body),
                        StandardWebhooksReference.sign(second, "an-id", "1700000000", body));
    }

    @Test
    void theOfficialLibraryAcceptsTheSignatureForEachSecret() {
        String first = StandardWebhooksReference.randomSecret();
        String second = StandardWebhooksReference.randomSecret();
        String body = "{\"id\":\"x\"}";
        long now = Instant.now().getEpochSecond();
        String header = signer(first + " " + second)
                .signature(OWNER, "an-id", now, body.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of("an-id"),
                "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(header));

        for (String secret : List.of(first, second)) {
            assertThatCode(() -> new Webhook(secret).verify(body, headers)).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> new Webhook(StandardWebhooksReference.randomSecret()).verify(body, headers))
                .hasMessageContaining("No matching signature");
    }

    @Test
    void noSecretMeansNoSignature() {
        assertThat(signer("").signature(OWNER, "an-id", 1L, new byte[0])).isEmpty();
        assertThat(signer("   ").signature(OWNER, "an-id", 1L, new byte[0])).isEmpty();
    }

    @Test
    void aMalformedSecretIsRefusedByPositionWithoutShowingIt() {
        String good = StandardWebhooksReference.randomSecret();
        String unprefixed = good.substring("whsec_".length());
        String notBase64 = "whsec_this*is*not*base64*at*all";
        String tooShort = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);
        String tooLong = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);

        assertRefused(good + " " + unprefixed, unprefixed, "secret 2 of 2", "does not start with whsec_");
        assertRefused(notBase64 + " " + good, notBase64, "secret 1 of 2", "not base64");
        assertRefused(tooShort, tooShort, "secret 1 of 1", "16 bytes");
        assertRefused(tooLong, tooLong, "secret 1 of 1", "65 bytes");
    }

    @Test
    void aMalformedSecretAtStartUpIsReportedInShortWithWhatToDo() {
        String bad = "whsec_" + Base64.getEncoder().encodeToString(new byte[8]);
        var startUpFailure = new BeanCreationException(
                "webhookSigner", "Constructor threw exception", catchThrowable(() -> signer(bad)));

        FailureAnalysis analysis = new SigningSecretFailureAnalyzer().analyze(startUpFailure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("secret 1 of 1").doesNotContain(bad.substring(6));
        assertThat(analysis.getAction()).contains("TIMERS_WEBHOOK_SECRETS").contains("/dev/urandom");
    }

    @Test
    void theSettingsNeverShowTheSecrets() {
        String secret = StandardWebhooksReference.randomSecret();

        assertThat(properties(secret).toString()).doesNotContain(secret.substring(6));
        assertThat(SigningSecret.parseAll(secret).toString()).doesNotContain(secret.substring(6));
    }

    private static void assertRefused(String setting, String badSecret, String position, String reason) {
        assertThatThrownBy(() -> signer(setting))
                .isInstanceOf(InvalidSigningSecretException.class)
                .hasMessageContaining("timers.webhooks.signing-secrets")
                .hasMessageContaining(position)
                .hasMessageContaining(reason)
                .message()
                .doesNotContain(badSecret.substring(badSecret.indexOf('_') + 1));
    }

    private static WebhookSigner signer(String secrets) {
        return new WebhookSigner(properties(secrets), owner -> List.of());
    }

    private static WebhooksProperties properties(String secrets) {
        return new WebhooksProperties(secrets, OWNER, Duration.ofSeconds(5));
    }

    @Test
    void theDeploymentSecretsSignOnlyTheirOwnersWebhooks() {
        String deployment = StandardWebhooksReference.randomSecret();
        String own = StandardWebhooksReference.randomSecret();
        var signer = new WebhookSigner(
                properties(deployment),
                owner -> owner.equals("owner-b") ? List.of(SigningSecret.parse(own)) : List.of());
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(signer.signature("owner-a", "an-id", 1L, body)).isEmpty();
        assertThat(signer.signature("owner-b", "an-id", 1L, body))
                .contains(StandardWebhooksReference.sign(own, "an-id", "1", body));
        assertThat(signer.signature(OWNER, "an-id", 1L, body))
                .contains(StandardWebhooksReference.sign(deployment, "an-id", "1", body));
    }
}
