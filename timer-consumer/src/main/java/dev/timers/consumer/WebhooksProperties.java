package dev.timers.consumer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are signed ({@code timers.webhooks.*}).
 *
 * <p>The text is bound as it is and parsed by the signer at start-up, not here: a binding error would print
 * the property's value, and that value is a secret.
 *
 * @param signingSecrets the Standard Webhooks signing secrets, {@code whsec_} followed by the base64 of 24 to 64
 *     random bytes, separated by spaces. Every call is signed with each of them ({@code webhook-signature}
 *     carries one signature per secret), so a receiver can move to a new secret while the old one still works.
 *     Empty means calls are not signed. The default is the environment variable {@code TIMERS_WEBHOOK_SECRETS}
 *     (see {@code application.yml}).
 */
@ConfigurationProperties("timers.webhooks")
public record WebhooksProperties(@DefaultValue("") String signingSecrets) {

    /** Never shows the secrets, wherever this ends up printed. */
    @Override
    public String toString() {
        return "WebhooksProperties[signingSecrets=" + (signingSecrets.isBlank() ? "none" : "(hidden)") + "]";
    }
}
