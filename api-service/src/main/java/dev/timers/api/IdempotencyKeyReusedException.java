package dev.timers.api;

/** An {@code Idempotency-Key} that an earlier, different request of the same caller already used. */
class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used for a different request; use a new key for a new timer.");
    }
}
