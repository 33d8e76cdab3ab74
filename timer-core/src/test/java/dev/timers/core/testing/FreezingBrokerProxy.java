package dev.timers.core.testing;

/**
 * A proxy on loopback to the test broker that can freeze: until {@link #freeze()} it passes every byte both
 * ways; after it, connections stay open and nothing more gets through, as with a broker that completed the
 * handshake and then hung. A client's calls on an open channel wait for an answer that never comes.
 */
public final class FreezingBrokerProxy implements AutoCloseable {

    private final LoopbackProxy proxy;
    private volatile boolean frozen;

    private FreezingBrokerProxy() {
        this.proxy = new LoopbackProxy(
                TestInfrastructure.rabbitHost(),
                TestInfrastructure.rabbitPort(),
                () -> (direction, chunk) -> frozen ? LoopbackProxy.Verdict.SWALLOW : LoopbackProxy.Verdict.PASS);
    }

    public static FreezingBrokerProxy start() {
        return new FreezingBrokerProxy();
    }

    public int port() {
        return proxy.port();
    }

    /** From now on, no byte passes either way; the connections stay open. */
    public void freeze() {
        frozen = true;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
