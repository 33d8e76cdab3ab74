package dev.timers.consumer.delivery;

/** A configured signing secret that is not a Standard Webhooks secret; its message never shows the secret. */
class InvalidSigningSecretException extends IllegalArgumentException {

    InvalidSigningSecretException(String message) {
        super(message);
    }
}
