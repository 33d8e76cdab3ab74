package dev.timers.consumer.targets;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The timers this consumer gave back because their host had no free place, and which host that was. While the
 * host stays full, such a timer's next wake-up is sent round again without a claim: giving a claim back costs
 * two store writes, and hundreds of timers queued behind one slow host would otherwise spend the store's
 * capacity every second on claims that end uncalled, and make every other host's timers wait for the store.
 *
 * <p>Only a hint: a timer whose URL changed, or that was cancelled, meanwhile is claimed (or dropped) as usual
 * once the host it waited for has room. Entries go after a minute without being renewed (a timer fired by
 * another consumer meanwhile is never seen here again), and there are at most {@value #MAX_TIMERS}.
 */
@Component
public class WaitingForHosts {

    private static final int MAX_TIMERS = 100_000;
    private static final Duration FORGET_AFTER = Duration.ofMinutes(1);

    private final Cache<UUID, TargetHost> waiting = Caffeine.newBuilder()
            .maximumSize(MAX_TIMERS)
            .expireAfterWrite(FORGET_AFTER)
            .build();

    /** {@code timer} was given back because {@code host} had no free place. */
    public void waiting(UUID timer, TargetHost host) {
        waiting.put(timer, host);
    }

    /** The host {@code timer} waits for, if it was given back for lack of a place there. */
    public Optional<TargetHost> hostOf(UUID timer) {
        return Optional.ofNullable(waiting.getIfPresent(timer));
    }

    /** {@code timer} goes on to be claimed: it no longer waits here. */
    public void done(UUID timer) {
        waiting.invalidate(timer);
    }
}
