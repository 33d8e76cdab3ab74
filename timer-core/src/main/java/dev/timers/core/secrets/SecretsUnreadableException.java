package dev.timers.core.secrets;

/**
 * An owner's stored secrets cannot be read: no encryption key is configured, the key is not the one they were
 * encrypted under, or an item is damaged. Its message names the setting, never a secret or the key.
 */
public class SecretsUnreadableException extends RuntimeException {

    public SecretsUnreadableException(String message) {
        super(message);
    }
}
