package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.core.store.StoreFaults;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Bounds how many of this consumer's timers talk to the store at once. Thousands of timers can be in flight;
 * unbounded, their claims and outcomes would queue inside the store client's connection pool, where the wait
 * counts against each call's timeout, and a busy store would then look like a store that is down (every
 * message put back, every one tried again: more load, not less). Here the wait costs a parked virtual thread
 * and no timeout, and the store sees no more requests than the pool can carry.
 *
 * <p>The wait is ordered ({@link FairGate}): writes under a claim go ahead of new claims, and new claims are
 * served one owner at a time in turn, so one owner's burst does not hold back another owner's timers for as long
 * as the burst takes to drain.
 */
@Component
class StoreGate {

    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(StoreGate.class);

    /** The lane of claims whose owner the wake-up does not say (published before wake-ups named it). */
    static final String UNKNOWN_OWNER = "";

    private final FairGate gate;
    private final Clock clock;

    StoreGate(ConsumerProperties properties, Clock clock) {
        this.gate = new FairGate(properties.delivery().maxStoreCalls());
        this.clock = clock;
    }

    /**
     * A store call made while holding a claim (an outcome, a claim given back): a store that is briefly away is
     * waited for, up to {@code until} (the claim's lease), since giving up would leave the claim to run out and
     * the target to be called again.
     */
    <T> T callHolding(Supplier<T> storeCall, Instant until) {
        while (true) {
            try {
                return holding(storeCall);
            } catch (RuntimeException e) {
                if (!StoreFaults.isUnavailable(e)
                        || !clock.instant().plus(RETRY_PAUSE).isBefore(until)) {
                    throw e;
                }
                log.warn("Store unavailable ({}) while holding a claim; trying again", e.toString());
                pause();
            }
        }
    }

    /** A new claim of {@code owner}'s timer ({@code null} when unknown): in its owner's turn. */
    <T> T claim(String owner, Supplier<T> storeCall) {
        gate.enterClaim(owner == null ? UNKNOWN_OWNER : owner);
        try {
            return storeCall.get();
        } finally {
            gate.leave();
        }
    }

    private <T> T holding(Supplier<T> storeCall) {
        gate.enterHolding();
        try {
            return storeCall.get();
        } finally {
            gate.leave();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
