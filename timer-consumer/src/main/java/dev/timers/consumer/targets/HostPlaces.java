package dev.timers.consumer.targets;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One host's places ({@code per-host-max-in-flight} calls at once), shared fairly among the owners whose timers
 * call it, and each owner's circuit breaker for it.
 *
 * <p>The fair share: an owner may hold at most {@code cap / contenders} places (rounded up), where the
 * contenders are the owners with calls in flight there or refused a place within the last {@code wantedFor}.
 * A lone owner may so use every place; once another owner is refused, the first gets no new place beyond its
 * share, and the places its calls free go to the other until both hold their share (max-min fairness). No
 * place is ever taken back from a call in flight.
 *
 * <p>An owner's entry goes once it has nothing in flight and has not come for {@code idleAfter}, so a host used
 * by many owners over time keeps only the recent ones. {@link TargetHosts} changes it only inside the cache's
 * per-key compute, so that the cache sees every change; the lock is for readers such as the metrics.
 */
final class HostPlaces {

    private final TargetHost host;
    private final int cap;
    private final long wantedForMillis;
    private final long idleAfterMillis;
    private final CircuitBreakerConfig breakers;
    private final Map<String, OwnerAtHost> owners = new HashMap<>();
    private int inFlight;
    private long lastPrunedMillis;

    HostPlaces(TargetHost host, int cap, long wantedForMillis, long idleAfterMillis, CircuitBreakerConfig breakers) {
        this.host = host;
        this.cap = cap;
        this.wantedForMillis = wantedForMillis;
        this.idleAfterMillis = idleAfterMillis;
        this.breakers = breakers;
    }

    /** The owner's entry, made if it has none; counts as the owner coming. */
    synchronized OwnerAtHost owner(String owner, long nowMillis) {
        pruneIdle(nowMillis);
        OwnerAtHost entry = owners.computeIfAbsent(
                owner, name -> new OwnerAtHost(name, CircuitBreaker.of(name + "@" + host.name(), breakers)));
        entry.lastSeenMillis = nowMillis;
        return entry;
    }

    /** Whether {@code entry} may take a place now; a refusal makes its owner a contender for a while. */
    synchronized boolean hasPlaceFor(OwnerAtHost entry, long nowMillis) {
        if (inFlight < cap && entry.inFlight < share(entry, nowMillis)) {
            return true;
        }
        entry.lastRefusedMillis = nowMillis;
        return false;
    }

    /**
     * Whether {@code entry} holds less than its fair share: then no other owner gets a new place before it (they
     * are at or over theirs), and the next place a call frees is its.
     */
    synchronized boolean belowShare(OwnerAtHost entry, long nowMillis) {
        return entry.inFlight < share(entry, nowMillis);
    }

    synchronized void take(OwnerAtHost entry) {
        entry.inFlight++;
        inFlight++;
    }

    synchronized void give(OwnerAtHost entry) {
        if (entry.inFlight > 0) {
            entry.inFlight--;
            inFlight--;
        }
    }

    /** Calls in flight to this host, whoever's: while above zero, the entry must stay (see {@link TargetHosts}). */
    synchronized int inFlight() {
        return inFlight;
    }

    synchronized List<TargetHosts.HostState> states() {
        List<TargetHosts.HostState> states = new ArrayList<>(owners.size());
        for (OwnerAtHost entry : owners.values()) {
            states.add(new TargetHosts.HostState(
                    entry.owner,
                    host,
                    entry.inFlight,
                    entry.breaker.getState() == CircuitBreaker.State.OPEN,
                    entry.breaker.getMetrics().getNumberOfFailedCalls()));
        }
        return states;
    }

    private int share(OwnerAtHost asking, long nowMillis) {
        int contenders = 1;
        for (OwnerAtHost other : owners.values()) {
            if (other != asking && (other.inFlight > 0 || nowMillis - other.lastRefusedMillis <= wantedForMillis)) {
                contenders++;
            }
        }
        return (cap + contenders - 1) / contenders;
    }

    /** At most once per idle period, so a host that many owners call does not pay for this on every call. */
    private void pruneIdle(long nowMillis) {
        if (nowMillis - lastPrunedMillis < idleAfterMillis) {
            return;
        }
        lastPrunedMillis = nowMillis;
        owners.values().removeIf(entry -> entry.inFlight == 0 && nowMillis - entry.lastSeenMillis >= idleAfterMillis);
    }
}
