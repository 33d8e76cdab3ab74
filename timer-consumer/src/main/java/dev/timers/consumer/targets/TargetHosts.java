package dev.timers.consumer.targets;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.timers.consumer.ConsumerProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Isolation per owner and target host. Each owner has its own circuit breaker per host (Resilience4j): one
 * owner's failing endpoint opens that owner's circuit only, and another owner's calls to the same host go on.
 * The host's places ({@code per-host-max-in-flight} calls at once, no waiting for one) are shared: a lone owner
 * may use them all, and while other owners want the host each gets a fair share ({@link HostPlaces}).
 *
 * <p>The state lives in a bounded cache: a host's entry goes once it has had no call in flight for {@code
 * hosts.forget-after}, or, beyond {@code hosts.max-tracked} hosts, the least useful idle one goes first. An
 * entry with calls in flight is pinned (weight zero, no expiry): it is never evicted mid-call, so a later call
 * can never find a fresh entry beside the one still counting the host's places, and every place is given back
 * to the entry it was taken from. Every change goes through the cache's per-key compute, so the cache re-reads
 * whether the entry is pinned after each one.
 */
@Component
public class TargetHosts {

    private final Settings settings;
    private final Clock clock;
    private final Cache<TargetHost, HostPlaces> hosts;

    @Autowired
    TargetHosts(ConsumerProperties properties, Clock clock) {
        this(Settings.of(properties), clock);
    }

    TargetHosts(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.hosts = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumWeight(settings.maxTracked())
                .weigher((TargetHost host, HostPlaces places) -> places.inFlight() > 0 ? 0 : 1)
                .expireAfter(new IdleExpiry(settings.forgetAfter()))
                .build();
    }

    /**
     * Asks whether {@code owner}'s call to {@code host} may start now. An admitted call must be finished on its
     * permit.
     */
    public Admission admit(String owner, TargetHost host) {
        var admission = new AtomicReference<Admission>();
        hosts.asMap().compute(host, (key, current) -> {
            HostPlaces places = current != null ? current : newPlaces(host);
            long now = clock.millis();
            OwnerAtHost entry = places.owner(owner, now);
            if (!places.hasPlaceFor(entry, now)) {
                admission.set(new Admission.HostBusy(host, places.belowShare(entry, now)));
            } else if (!entry.breaker.tryAcquirePermission()) {
                admission.set(
                        entry.breaker.getState() == CircuitBreaker.State.OPEN
                                ? new Admission.CircuitOpen(host)
                                : new Admission.HostBusy(host, false));
            } else {
                places.take(entry);
                admission.set(
                        new Admission.Admitted(new HostPermit(entry.breaker, () -> giveBack(host, places, entry))));
            }
            return places;
        });
        return admission.get();
    }

    /**
     * Whether {@code owner} would be refused a place at {@code host} now (the host is full, or the owner holds
     * its fair share while others want the host): a look, not a reservation. Takes no place and leaves the
     * circuit as it is; a refusal keeps the owner counted as wanting the host, since its timer waits for it.
     */
    public boolean isFull(String owner, TargetHost host) {
        var full = new AtomicReference<>(false);
        hosts.asMap().computeIfPresent(host, (key, places) -> {
            long now = clock.millis();
            full.set(!places.hasPlaceFor(places.owner(owner, now), now));
            return places;
        });
        return full.get();
    }

    /** Every owner at every host tracked now, with its calls in flight and its circuit, most failing first. */
    public List<HostState> states() {
        return hosts.asMap().values().stream()
                .flatMap(places -> places.states().stream())
                .sorted(Comparator.comparingInt(HostState::recentFailures)
                        .thenComparingInt(HostState::inFlight)
                        .reversed())
                .toList();
    }

    /** How many hosts are tracked now (an estimate). */
    public long trackedHosts() {
        return hosts.estimatedSize();
    }

    /** Evicts what is due for eviction now, rather than on the cache's next writes. */
    void cleanUp() {
        hosts.cleanUp();
    }

    private HostPlaces newPlaces(TargetHost host) {
        return new HostPlaces(
                host,
                settings.perHostMaxInFlight(),
                settings.wantedFor().toMillis(),
                settings.forgetAfter().toMillis(),
                settings.breakers());
    }

    /** Gives the place back to the entry it was taken from, through the cache so that it sees the entry idle. */
    private void giveBack(TargetHost host, HostPlaces places, OwnerAtHost entry) {
        hosts.asMap().compute(host, (key, current) -> {
            places.give(entry);
            // Never anything but `places` while a call is in flight; if it ever were, the place still goes back
            // where it came from and the other entry is left as it is.
            return current;
        });
    }

    /**
     * One owner's state at one host.
     *
     * @param owner whose timers these calls are
     * @param inFlight the owner's calls to the host running now
     * @param circuitOpen whether the owner's calls are held back because they have been failing
     * @param recentFailures failed calls among the owner's latest ones to the host (the breaker's window)
     */
    public record HostState(String owner, TargetHost host, int inFlight, boolean circuitOpen, int recentFailures) {}

    /**
     * @param perHostMaxInFlight calls to one host at once, all owners together
     * @param wantedFor how long an owner refused a place still counts as wanting the host
     * @param forgetAfter how long an entry with nothing in flight is kept
     * @param maxTracked most hosts tracked at once (entries with calls in flight not counted)
     */
    record Settings(
            int perHostMaxInFlight,
            Duration wantedFor,
            Duration forgetAfter,
            long maxTracked,
            CircuitBreakerConfig breakers) {

        static Settings of(ConsumerProperties properties) {
            var delivery = properties.delivery();
            var breaker = delivery.breaker();
            return new Settings(
                    delivery.perHostMaxInFlight(),
                    // A refused timer comes back within 1.5 host-busy delays: its owner stays a contender till then.
                    delivery.hostBusyDelay().multipliedBy(3),
                    delivery.hosts().forgetAfter(),
                    delivery.hosts().maxTracked(),
                    CircuitBreakerConfig.custom()
                            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                            .slidingWindowSize(breaker.window())
                            .minimumNumberOfCalls(breaker.minimumCalls())
                            .failureRateThreshold(breaker.failureRateThreshold())
                            .waitDurationInOpenState(breaker.openFor())
                            .permittedNumberOfCallsInHalfOpenState(breaker.trialCalls())
                            .automaticTransitionFromOpenToHalfOpenEnabled(false)
                            .recordExceptions(Throwable.class)
                            .build());
        }
    }

    /** Idle entries expire {@code forgetAfter} after their last change; entries with calls in flight never. */
    private record IdleExpiry(Duration forgetAfter) implements Expiry<TargetHost, HostPlaces> {

        @Override
        public long expireAfterCreate(TargetHost host, HostPlaces places, long now) {
            return places.inFlight() > 0 ? Long.MAX_VALUE : forgetAfter.toNanos();
        }

        @Override
        public long expireAfterUpdate(TargetHost host, HostPlaces places, long now, long left) {
            return expireAfterCreate(host, places, now);
        }

        @Override
        public long expireAfterRead(TargetHost host, HostPlaces places, long now, long left) {
            return left;
        }
    }
}
