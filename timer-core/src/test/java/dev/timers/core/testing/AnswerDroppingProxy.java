package dev.timers.core.testing;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A proxy on loopback in front of a real store that can lose answers: once {@link #dropNextAnswers armed}, it
 * lets the next request through, and when the store's answer starts to come back it closes the connection
 * instead of relaying it. The write has landed; the client sees a connection closed without an answer and, like
 * the AWS SDK, tries again. So a test sees what a lost answer does on the wire, without mocking any client.
 */
public final class AnswerDroppingProxy implements AutoCloseable {

    private final AtomicInteger toDrop = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final LoopbackProxy proxy;

    public AnswerDroppingProxy(URI upstream) {
        this.proxy = new LoopbackProxy(upstream.getHost(), upstream.getPort(), () -> (direction, chunk) -> {
            if (direction == LoopbackProxy.Direction.ANSWER && toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                dropped.incrementAndGet();
                return LoopbackProxy.Verdict.CLOSE;
            }
            return LoopbackProxy.Verdict.PASS;
        });
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + proxy.port());
    }

    /** The next {@code count} answers from the store are lost on their way back. */
    public void dropNextAnswers(int count) {
        toDrop.set(count);
    }

    /** How many answers were lost so far. */
    public int dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        proxy.close();
    }
}
