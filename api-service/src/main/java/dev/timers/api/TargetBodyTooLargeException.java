package dev.timers.api;

/** A timer whose body for its target is larger than {@code timers.api.limits.max-target-body-size}. */
class TargetBodyTooLargeException extends RuntimeException {

    private final long limit;

    TargetBodyTooLargeException(long size, long limit) {
        super("body: the body for the target is " + size + " bytes; at most " + limit + " are accepted");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
