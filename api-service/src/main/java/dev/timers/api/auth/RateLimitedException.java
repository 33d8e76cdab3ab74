package dev.timers.api.auth;

/** A request whose cost, known only once it was read (a batch), is more than its key has left. */
public class RateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    RateLimitedException(long retryAfterSeconds, int timers) {
        super("A batch of " + timers + " timers costs " + timers
                + " requests of this API key's rate limit, more than it" + " has left; try again in "
                + retryAfterSeconds + " s, or send fewer timers.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
