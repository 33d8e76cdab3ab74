package dev.timers.api.auth;

import dev.timers.core.timer.Timer;

/**
 * Who a request comes from: the owner whose timers it may see, and the key it used.
 *
 * @param owner the owner of the key; timers are visible only to their owner
 * @param keyName the key's name, which its rate limit is counted against
 */
public record Caller(String owner, String keyName) {

    /** Every request when authentication is off. */
    public static final Caller ANONYMOUS = new Caller(Timer.ANONYMOUS_OWNER, "anonymous");

    static Caller of(ApiKey key) {
        return new Caller(key.owner(), key.name());
    }
}
