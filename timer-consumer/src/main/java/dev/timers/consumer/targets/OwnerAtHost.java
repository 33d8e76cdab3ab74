package dev.timers.consumer.targets;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * One owner's use of one host: its calls in flight there, when it last asked for a place and was refused, when
 * it last came at all, and its own circuit breaker. Guarded by the {@link HostPlaces} it belongs to.
 */
final class OwnerAtHost {

    final String owner;
    final CircuitBreaker breaker;
    int inFlight;
    long lastSeenMillis;
    long lastRefusedMillis = Long.MIN_VALUE;

    OwnerAtHost(String owner, CircuitBreaker breaker) {
        this.owner = owner;
        this.breaker = breaker;
    }
}
