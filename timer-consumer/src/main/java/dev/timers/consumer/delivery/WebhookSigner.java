package dev.timers.consumer.delivery;

import dev.timers.consumer.WebhooksProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signs webhooks the Standard Webhooks way: HMAC-SHA256 of {@code {webhook-id}.{webhook-timestamp}.{body}},
 * keyed with each configured secret, sent as {@code webhook-signature: v1,<base64> v1,<base64> ...}. Several
 * secrets give several signatures, so a receiver can change its secret without missing a call.
 *
 * <p>The secrets are read at start-up: a malformed one stops it, with a message that names its position.
 */
@Component
class WebhookSigner {

    static final String HEADER = "webhook-signature";
    static final String ALGORITHM = "HmacSHA256";

    private static final Logger log = LoggerFactory.getLogger(WebhookSigner.class);

    private final List<SigningSecret> secrets;

    WebhookSigner(WebhooksProperties properties) {
        this.secrets = SigningSecret.parseAll(properties.signingSecrets());
        // A runtime without HMAC-SHA256 stops start-up here, not each call later.
        secrets.forEach(WebhookSigner::newMac);
        if (secrets.isEmpty()) {
            log.info("Webhooks are not signed: timers.webhooks.signing-secrets (TIMERS_WEBHOOK_SECRETS) is empty");
        } else {
            log.info("Webhooks are signed with {} secret(s) (webhook-signature)", secrets.size());
        }
    }

    /**
     * The {@code webhook-signature} value for one call, or empty when no secret is configured.
     *
     * @param id the {@code webhook-id} header sent
     * @param timestamp the {@code webhook-timestamp} header sent (epoch seconds)
     * @param body exactly the bytes sent as the body
     */
    Optional<String> signature(String id, long timestamp, byte[] body) {
        if (secrets.isEmpty()) {
            return Optional.empty();
        }
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        var header = new StringJoiner(" ");
        for (SigningSecret secret : secrets) {
            // A Mac is not thread-safe and calls run on many virtual threads at once: one per signature.
            Mac mac = newMac(secret);
            mac.update(prefix);
            header.add("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body)));
        }
        return Optional.of(header.toString());
    }

    private static Mac newMac(SigningSecret secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret.key());
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java runtime has HmacSHA256, and the key was checked at start-up.
            throw new IllegalStateException("cannot sign with " + ALGORITHM, e);
        }
    }
}
