package dev.timers.consumer.delivery;

import dev.timers.core.secrets.InvalidSigningSecretException;
import dev.timers.core.secrets.SigningSecret;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a malformed signing secret at start-up into Spring Boot's short "APPLICATION FAILED TO START" report
 * (what is wrong, what to do) instead of a long stack trace in which the reason is hard to find.
 */
public class SigningSecretFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSigningSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSigningSecretException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Correct or remove that secret in TIMERS_WEBHOOK_SECRETS (or timers.webhooks.signing-secrets). A new"
                        + " one: echo \"" + SigningSecret.PREFIX + "$(head -c 32 /dev/urandom | base64)\"",
                cause);
    }
}
