package dev.timers.core.secrets;

/** A new secret was asked for, but no encryption key is configured to store it under. */
public class NoEncryptionKeyException extends IllegalStateException {

    public NoEncryptionKeyException() {
        super("Signing secrets cannot be made: " + SecretCipher.SETTING + " is not set on this deployment");
    }
}
