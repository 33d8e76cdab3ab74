package dev.timers.consumer.targets;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** One admitted call to a host: its place in the host's bulkhead and its say in the host's circuit. */
public final class HostPermit {

    /** How the call went, as far as the host's health is concerned. */
    public enum Verdict {
        /** The host answered, whatever the status: it is up. */
        ANSWERED,
        /** 5xx, 408, 429, a timeout or a connection error. */
        FAILED,
        /** The call says nothing about the host (we cut it short, or never sent it). */
        UNJUDGED
    }

    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final long startedNanos = System.nanoTime();
    private final AtomicBoolean done = new AtomicBoolean();

    HostPermit(Bulkhead bulkhead, CircuitBreaker breaker) {
        this.bulkhead = bulkhead;
        this.breaker = breaker;
    }

    /** Ends the call: frees its place and tells the circuit. Only the first report counts. */
    public void finish(Verdict verdict) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        bulkhead.onComplete();
        long took = System.nanoTime() - startedNanos;
        switch (verdict) {
            case ANSWERED -> breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            case FAILED -> breaker.onError(took, TimeUnit.NANOSECONDS, new TargetFailure());
            case UNJUDGED -> breaker.releasePermission();
        }
    }

    /** What the circuit records for a failed call: the reason is in the timer's attempt, not here. */
    private static final class TargetFailure extends RuntimeException {
        TargetFailure() {
            super("target failed", null, false, false);
        }
    }
}
