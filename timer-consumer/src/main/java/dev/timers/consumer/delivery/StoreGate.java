package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Bounds how many of this consumer's timers talk to the store at once. Thousands of timers can be in flight;
 * unbounded, their claims and outcomes would queue inside the store client's connection pool, where the wait
 * counts against each call's timeout, and a busy store would then look like a store that is down (every
 * message put back, every one tried again: more load, not less). Here the wait costs a parked virtual thread
 * and no timeout, and the store sees no more requests than the pool can carry.
 */
@Component
class StoreGate {

    private final Semaphore permits;

    StoreGate(ConsumerProperties properties) {
        this.permits = new Semaphore(properties.delivery().maxStoreCalls(), true);
    }

    <T> T call(Supplier<T> storeCall) {
        permits.acquireUninterruptibly();
        try {
            return storeCall.get();
        } finally {
            permits.release();
        }
    }
}
