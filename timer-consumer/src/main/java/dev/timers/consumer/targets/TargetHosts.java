package dev.timers.consumer.targets;

import dev.timers.consumer.ConsumerProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Isolation per target host: a bulkhead (at most {@code per-host-max-in-flight} calls at once, and no waiting
 * for a place) and a circuit breaker (a host whose recent calls mostly failed is not called for a while, so its
 * timers neither wait out full timeouts nor take capacity from other hosts). Both come from Resilience4j.
 */
@Component
public class TargetHosts {

    private final BulkheadRegistry bulkheads;
    private final CircuitBreakerRegistry breakers;

    TargetHosts(ConsumerProperties properties) {
        var delivery = properties.delivery();
        var breaker = delivery.breaker();
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(delivery.perHostMaxInFlight())
                .maxWaitDuration(Duration.ZERO)
                .build());
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
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

    /** Asks whether a call to {@code host} may start now. An admitted call must be finished on its permit. */
    public Admission admit(TargetHost host) {
        CircuitBreaker breaker = breakers.circuitBreaker(host.name());
        Bulkhead bulkhead = bulkheads.bulkhead(host.name());
        if (!bulkhead.tryAcquirePermission()) {
            return new Admission.HostBusy(host);
        }
        if (!breaker.tryAcquirePermission()) {
            bulkhead.onComplete();
            return breaker.getState() == CircuitBreaker.State.OPEN
                    ? new Admission.CircuitOpen(host)
                    : new Admission.HostBusy(host);
        }
        return new Admission.Admitted(new HostPermit(bulkhead, breaker));
    }

    /**
     * Whether {@code host} has as many calls in flight as it may: a look, not a reservation (a place may free up
     * or be taken right after). Takes no place and leaves the host's circuit as it is.
     */
    public boolean isFull(TargetHost host) {
        return bulkheads.bulkhead(host.name()).getMetrics().getAvailableConcurrentCalls() <= 0;
    }

    /** Every host seen since start, with its calls in flight and the state of its circuit. */
    public List<HostState> states() {
        return breakers.getAllCircuitBreakers().stream()
                .map(breaker -> {
                    Bulkhead bulkhead = bulkheads.bulkhead(breaker.getName());
                    int inFlight = bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
                            - bulkhead.getMetrics().getAvailableConcurrentCalls();
                    return new HostState(
                            new TargetHost(breaker.getName()),
                            inFlight,
                            breaker.getState() == CircuitBreaker.State.OPEN,
                            breaker.getMetrics().getNumberOfFailedCalls());
                })
                .sorted(Comparator.comparingInt(HostState::recentFailures)
                        .thenComparingInt(HostState::inFlight)
                        .reversed())
                .toList();
    }

    /**
     * One host's state.
     *
     * @param inFlight calls to it running now
     * @param circuitOpen whether its calls are held back because it has been failing
     * @param recentFailures failed calls among its latest ones (the breaker's window)
     */
    public record HostState(TargetHost host, int inFlight, boolean circuitOpen, int recentFailures) {}
}
