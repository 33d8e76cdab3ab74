package dev.timers.core.secrets;

/** A signing secret that is not a Standard Webhooks secret; its message never shows the secret. */
public class InvalidSigningSecretException extends IllegalArgumentException {

    public InvalidSigningSecretException(String message) {
        super(message);
    }
}
