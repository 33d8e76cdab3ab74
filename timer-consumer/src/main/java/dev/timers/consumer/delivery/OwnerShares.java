package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many of this consumer's handlings each owner holds. The broker hands the consumer at most {@code
 * max-in-flight} wake-ups at once, in queue order; an owner with thousands due in one second would fill them all,
 * and a quiet owner's wake-ups behind them would wait in the broker, out of reach of any fair order inside the
 * consumer. So no owner holds more than half of them: its further wake-ups are sent round (no store write) and
 * their places go to whoever is next in the queue. The map holds only owners with handlings now.
 */
@Component
class OwnerShares {

    private final int maxPerOwner;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    @Autowired
    OwnerShares(ConsumerProperties properties) {
        this(Math.max(1, properties.delivery().prefetch() / 2));
    }

    OwnerShares(int maxPerOwner) {
        this.maxPerOwner = maxPerOwner;
    }

    /** Takes one of {@code owner}'s places; false when it holds its whole share already. */
    boolean tryEnter(String owner) {
        var entered = new AtomicBoolean();
        held.compute(owner, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerOwner) {
                return count;
            }
            entered.set(true);
            return now + 1;
        });
        return entered.get();
    }

    /** Gives back one place {@link #tryEnter} took. */
    void leave(String owner) {
        held.computeIfPresent(owner, (key, count) -> count <= 1 ? null : count - 1);
    }

    int heldBy(String owner) {
        return held.getOrDefault(owner, 0);
    }

    int maxPerOwner() {
        return maxPerOwner;
    }
}
