package dev.timers.api.auth;

import org.springframework.stereotype.Component;

/**
 * A batch of n timers costs its key n requests of its rate limit, not one: the filter takes one token for the
 * request, this takes the other n - 1 once the batch is read. Otherwise a batch would create a hundred timers
 * for the price of one request.
 */
@Component
public class BatchRateLimit {

    private final RateLimiter limiter;
    private final RateLimitProperties properties;

    BatchRateLimit(RateLimiter limiter, RateLimitProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    /**
     * Charges the rest of a batch of {@code timers} to the caller's key.
     *
     * @throws RateLimitedException when the key has not that many tokens left; none is taken then
     */
    public void charge(Caller caller, int timers) {
        if (!properties.enabled() || timers <= 1) {
            return;
        }
        if (limiter.tryAcquire(caller.keyName(), timers - 1) instanceof RateLimiter.Limited limited) {
            throw new RateLimitedException(limited.retryAfterSeconds(), timers);
        }
    }
}
