package dev.timers.consumer.targets;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One admitted call to a host: its place among the host's places and its say in its owner's circuit for the
 * host. The place goes back to the very entry it was taken from.
 */
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

    private final CircuitBreaker breaker;
    private final Runnable giveBackPlace;
    private final long startedNanos = System.nanoTime();
    private final AtomicBoolean done = new AtomicBoolean();

    HostPermit(CircuitBreaker breaker, Runnable giveBackPlace) {
        this.breaker = breaker;
        this.giveBackPlace = giveBackPlace;
    }

    /** Ends the call: tells the circuit and frees its place. Only the first report counts. */
    public void finish(Verdict verdict) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        long took = System.nanoTime() - startedNanos;
        try {
            switch (verdict) {
                case ANSWERED -> breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                case FAILED -> breaker.onError(took, TimeUnit.NANOSECONDS, new TargetFailure());
                case UNJUDGED -> breaker.releasePermission();
            }
        } finally {
            giveBackPlace.run();
        }
    }

    /** What the circuit records for a failed call: the reason is in the timer's attempt, not here. */
    private static final class TargetFailure extends RuntimeException {
        TargetFailure() {
            super("target failed", null, false, false);
        }
    }
}
