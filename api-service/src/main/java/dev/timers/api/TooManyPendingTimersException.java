package dev.timers.api;

/** The caller already has as many pending timers as one owner may have. */
class TooManyPendingTimersException extends RuntimeException {

    private final long max;

    TooManyPendingTimersException(long max) {
        super("You already have " + max + " timers waiting to fire, the most one owner may have; create more once"
                + " some have fired or been cancelled.");
        this.max = max;
    }

    long max() {
        return max;
    }
}
