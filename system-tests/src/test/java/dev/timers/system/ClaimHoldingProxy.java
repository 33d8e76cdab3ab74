package dev.timers.system;

import dev.timers.core.testing.LoopbackProxy;
import dev.timers.core.testing.LoopbackProxy.Direction;
import dev.timers.core.testing.LoopbackProxy.Verdict;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A proxy on loopback in front of the real store that stops a consumer in the middle of its claim: every request
 * that takes a claim is either let through with its answer held back (the claim lands, the consumer never
 * learns it did), or held back itself (the claim never lands). The rest passes untouched. Killing the consumer
 * then leaves exactly the state a crash at that instant leaves.
 */
final class ClaimHoldingProxy implements AutoCloseable {

    /** Only the claim's update expression sets the lease. */
    private static final String CLAIM = "#leaseUntil = :leaseUntil";

    enum Hold {
        /** The claim reaches the store; its answer never reaches the consumer. */
        ANSWER,
        /** The claim never reaches the store. */
        REQUEST
    }

    private final AtomicInteger claimsHeld = new AtomicInteger();
    private final LoopbackProxy proxy;

    ClaimHoldingProxy(URI upstream, Hold hold) {
        this.proxy = new LoopbackProxy(upstream.getHost(), upstream.getPort(), () -> new HoldsAfterClaim(hold));
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + proxy.port());
    }

    /** How many claim requests were held so far (a consumer whose answer is held tries again). */
    int claimsHeld() {
        return claimsHeld.get();
    }

    /** One connection: once it carried a claim, nothing more passes on it. */
    private final class HoldsAfterClaim implements LoopbackProxy.Policy {

        private final Hold hold;
        private volatile boolean held;

        HoldsAfterClaim(Hold hold) {
            this.hold = hold;
        }

        @Override
        public Verdict on(Direction direction, byte[] chunk) {
            if (direction == Direction.REQUEST && !held && new String(chunk, StandardCharsets.UTF_8).contains(CLAIM)) {
                held = true;
                claimsHeld.incrementAndGet();
                return hold == Hold.ANSWER ? Verdict.PASS : Verdict.SWALLOW;
            }
            return held ? Verdict.SWALLOW : Verdict.PASS;
        }
    }

    @Override
    public void close() {
        proxy.close();
    }
}
