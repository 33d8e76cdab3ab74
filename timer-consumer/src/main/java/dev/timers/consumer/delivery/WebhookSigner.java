package dev.timers.consumer.delivery;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.timers.consumer.WebhooksProperties;
import dev.timers.core.secrets.OwnerSecrets;
import dev.timers.core.secrets.SecretsUnreadableException;
import dev.timers.core.secrets.SigningSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Signs webhooks the Standard Webhooks way: HMAC-SHA256 of {@code {webhook-id}.{webhook-timestamp}.{body}},
 * sent as {@code webhook-signature: v1,<base64> v1,<base64> ...}, one signature per active secret of the
 * timer's owner and none with anyone else's. An owner with several secrets gets several signatures, so its
 * receiver can move to a new secret without missing a call.
 *
 * <p>An owner's secrets are those it made through the API, read from the store and kept for {@code
 * timers.webhooks.owner-secrets-cache} (so a deleted one stops signing within that); the deployment-wide {@code
 * timers.webhooks.signing-secrets} sign too, but only for {@code timers.webhooks.secrets-owner}. Those are read at
 * start-up: a malformed one stops it, with a message that names its position.
 */
@Component
class WebhookSigner {

    static final String HEADER = "webhook-signature";
    static final String ALGORITHM = SigningSecret.ALGORITHM;

    /** Owners whose secrets are held at once; a busier consumer reads the store a little more often. */
    private static final int OWNERS_CACHED = 10_000;

    private static final Logger log = LoggerFactory.getLogger(WebhookSigner.class);

    private final List<SigningSecret> deploymentSecrets;
    private final String secretsOwner;
    private final LoadingCache<String, List<SigningSecret>> ownerSecrets;

    @Autowired
    WebhookSigner(WebhooksProperties properties, OwnerSecrets secrets) {
        this(properties, secrets::signingSecrets);
    }

    /** @param ownersSecrets what an owner's own secrets are (the store's, opened) */
    WebhookSigner(WebhooksProperties properties, Function<String, List<SigningSecret>> ownersSecrets) {
        this.deploymentSecrets = SigningSecret.parseAll(properties.signingSecrets());
        this.secretsOwner = properties.secretsOwner();
        // Failures are not cached: the next call reads the store again.
        this.ownerSecrets = Caffeine.newBuilder()
                .maximumSize(OWNERS_CACHED)
                .expireAfterWrite(properties.ownerSecretsCache())
                .build(ownersSecrets::apply);
        // A runtime without HMAC-SHA256 stops start-up here, not each call later.
        deploymentSecrets.forEach(WebhookSigner::newMac);
        if (deploymentSecrets.isEmpty()) {
            log.info(
                    "No deployment-wide signing secrets (TIMERS_WEBHOOK_SECRETS): webhooks are signed with the"
                            + " secrets their owners made (POST /signing-secrets), cached for {}",
                    properties.ownerSecretsCache());
        } else {
            log.info(
                    "The {} deployment-wide signing secret(s) (TIMERS_WEBHOOK_SECRETS) sign only the webhooks of owner"
                            + " '{}' (timers.webhooks.secrets-owner); with API keys on and no key of that owner they sign"
                            + " nothing. Owners' own secrets are cached for {}",
                    deploymentSecrets.size(),
                    secretsOwner,
                    properties.ownerSecretsCache());
        }
    }

    /**
     * The {@code webhook-signature} value for one call, or empty when the owner has no secret.
     *
     * @param owner the timer's owner, whose secrets sign
     * @param id the {@code webhook-id} header sent
     * @param timestamp the {@code webhook-timestamp} header sent (epoch seconds)
     * @param body exactly the bytes sent as the body
     * @throws SigningUnavailableException when the owner's secrets cannot be read now: the call must not be made
     */
    Optional<String> signature(String owner, String id, long timestamp, byte[] body) {
        List<SigningSecret> secrets = secretsOf(owner);
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

    private List<SigningSecret> secretsOf(String owner) {
        List<SigningSecret> own;
        try {
            own = ownerSecrets.get(owner);
        } catch (SecretsUnreadableException e) {
            log.warn("Webhook of owner '{}' not sent: {}", owner, e.getMessage());
            throw new SigningUnavailableException(e.getMessage());
        } catch (SdkException e) {
            log.warn("Webhook of owner '{}' not sent: its signing secrets could not be read: {}", owner, e.toString());
            throw new SigningUnavailableException("the signing secrets of owner " + owner
                    + " could not be read from the store (" + e.getClass().getSimpleName() + ")");
        }
        if (!owner.equals(secretsOwner) || deploymentSecrets.isEmpty()) {
            return own;
        }
        var all = new ArrayList<SigningSecret>(deploymentSecrets.size() + own.size());
        all.addAll(deploymentSecrets);
        own.stream().filter(secret -> !all.contains(secret)).forEach(all::add);
        return all;
    }

    private static Mac newMac(SigningSecret secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret.key());
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java runtime has HmacSHA256, and the key was checked when it was read.
            throw new IllegalStateException("cannot sign with " + ALGORITHM, e);
        }
    }
}
