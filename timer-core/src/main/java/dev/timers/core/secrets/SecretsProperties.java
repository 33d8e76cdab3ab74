package dev.timers.core.secrets;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The owners' signing secrets ({@code timers.secrets.*}), shared by the API (which makes them) and the consumer
 * (which signs with them).
 *
 * <p>The key is bound as text and read by {@link SecretsConfiguration}, not here: a binding error would print
 * the value, and the value is the key.
 *
 * @param encryptionKey the AES-256 key the secrets are stored under: the base64 of 32 random bytes. Both services
 *     need the same one. Empty means none: the API then makes no secrets (503), and the consumer treats a stored
 *     secret it cannot open as a retryable failure of that owner's webhooks. The default is the environment
 *     variable {@code TIMERS_SECRETS_ENCRYPTION_KEY} (see each service's {@code application.yml})
 * @param maxPerOwner how many secrets one owner may have at once
 */
@Validated
@ConfigurationProperties("timers.secrets")
public record SecretsProperties(
        @DefaultValue("") String encryptionKey,
        @DefaultValue("10") @Min(1) @Max(50) int maxPerOwner) {

    /** Never shows the key, wherever this ends up printed. */
    @Override
    public String toString() {
        return "SecretsProperties[encryptionKey=" + (encryptionKey.isBlank() ? "none" : "(hidden)") + ", maxPerOwner="
                + maxPerOwner + "]";
    }
}
