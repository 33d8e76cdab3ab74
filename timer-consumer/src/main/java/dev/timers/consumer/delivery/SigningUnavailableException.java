package dev.timers.consumer.delivery;

/**
 * An owner's signing secrets cannot be read right now (the store, or a key that does not open them): its webhook
 * is not sent rather than sent unsigned or signed wrongly, and is tried again. The message never shows a secret.
 */
class SigningUnavailableException extends RuntimeException {

    SigningUnavailableException(String message) {
        super(message);
    }
}
