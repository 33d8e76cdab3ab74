package dev.timers.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are signed ({@code timers.webhooks.*}).
 *
 * <p>The text is bound as it is and parsed by the signer at start-up, not here: a binding error would print
 * the property's value, and that value is a secret.
 *
 * @param signingSecrets the deployment-wide Standard Webhooks signing secrets, {@code whsec_} followed by the
 *     base64 of 24 to 64 random bytes, separated by spaces. They sign the webhooks of one owner only, {@code
 *     secrets-owner}, besides that owner's own secrets: a secret that signed every owner's webhooks would let one
 *     owner forge another's. Empty means none. The default is the environment variable {@code
 *     TIMERS_WEBHOOK_SECRETS} (see {@code application.yml})
 * @param secretsOwner the one owner whose webhooks {@code signing-secrets} sign: {@code anonymous} by default,
 *     which owns every timer when the API runs without keys
 * @param ownerSecretsCache how long the secrets an owner made through the API are kept in memory: the longest a
 *     deleted secret goes on signing, and a new one is not yet used
 */
@ConfigurationProperties("timers.webhooks")
public record WebhooksProperties(
        @DefaultValue("") String signingSecrets,
        @DefaultValue("anonymous") String secretsOwner,
        @DefaultValue("5s") Duration ownerSecretsCache) {

    /** Never shows the secrets, wherever this ends up printed. */
    @Override
    public String toString() {
        return "WebhooksProperties[signingSecrets=" + (signingSecrets.isBlank() ? "none" : "(hidden)")
                + ", secretsOwner=" + secretsOwner + ", ownerSecretsCache=" + ownerSecretsCache + "]";
    }
}
