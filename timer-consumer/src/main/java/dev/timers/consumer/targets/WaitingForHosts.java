package dev.timers.consumer.targets;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The timers this consumer gave back because their host had no free place, which host that was, and when the
 * wake-up it sent round is due back. While the host stays full, such a timer's wake-up is sent round again
 * without a claim: giving a claim back costs two store writes, and hundreds of timers queued behind one slow
 * host would otherwise spend the store's capacity every second on claims that end uncalled, and make every
 * other host's timers wait for the store. Another copy of the wake-up (a rescue, a repeat) that comes before
 * the one sent round is dropped, so copies do not multiply while the timer waits.
 *
 * <p>Only a hint, and a short one: an entry lasts a minute from the turn-away that made it, however often the
 * wake-up went round meanwhile. Then the timer is claimed again, which reads it afresh: a timer cancelled, moved
 * to another host or grown too late meanwhile is handled as such, and a waiting timer costs the store two
 * writes a minute. At most {@value #MAX_TIMERS} entries.
 */
@Component
public class WaitingForHosts {

    private static final int MAX_TIMERS = 100_000;
    private static final Duration FORGET_AFTER = Duration.ofMinutes(1);

    private final Cache<UUID, Waiting> waiting = Caffeine.newBuilder()
            .maximumSize(MAX_TIMERS)
            .expireAfterWrite(FORGET_AFTER)
            .build();

    /**
     * {@code timer} of {@code owner}, due at {@code fireAt}, was given back because {@code host} had no free
     * place for that owner; its wake-up comes back at {@code comesBackAt}.
     */
    public void turnedAway(UUID timer, Instant fireAt, String owner, TargetHost host, Instant comesBackAt) {
        waiting.put(timer, new Waiting(fireAt, owner, host, comesBackAt));
    }

    /** How {@code timer} waits, if it was given back for lack of a place at its host. */
    public Optional<Waiting> of(UUID timer) {
        return Optional.ofNullable(waiting.getIfPresent(timer));
    }

    /** {@code timer} goes on to be claimed: it no longer waits here. */
    public void done(UUID timer) {
        waiting.invalidate(timer);
    }

    /**
     * One waiting timer: the fire time it was turned away for (a wake-up for another one, after the timer was
     * moved, is not its copy), its owner and host, and when the wake-up last sent round is due back.
     */
    public static final class Waiting {

        private final Instant fireAt;
        private final String owner;
        private final TargetHost host;
        private volatile Instant comesBackAt;

        Waiting(Instant fireAt, String owner, TargetHost host, Instant comesBackAt) {
            this.fireAt = fireAt;
            this.owner = owner;
            this.host = host;
            this.comesBackAt = comesBackAt;
        }

        public Instant fireAt() {
            return fireAt;
        }

        public String owner() {
            return owner;
        }

        public TargetHost host() {
            return host;
        }

        public Instant comesBackAt() {
            return comesBackAt;
        }

        /** Its wake-up was sent round again; this leaves the entry's minute as it was. */
        public void sentRound(Instant comesBackAt) {
            this.comesBackAt = comesBackAt;
        }
    }
}
