package dev.timers.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of the real store that stops a consumer in the middle of its claim: every
 * request that takes a claim is either let through with its answer held back (the claim lands, the consumer
 * never learns it did), or held back itself (the claim never lands). The rest passes untouched. Killing the
 * consumer then leaves exactly the state a crash at that instant leaves.
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

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Hold hold;
    private final AtomicInteger claimsHeld = new AtomicInteger();

    ClaimHoldingProxy(URI upstream, Hold hold) {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.hold = hold;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("claim-holding-proxy").start(this::acceptAll);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** How many claim requests were held so far (a consumer whose answer is held tries again). */
    int claimsHeld() {
        return claimsHeld.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket store = new Socket(upstream.getAddress(), upstream.getPort());
                var connection = new Connection();
                Thread.ofVirtual().start(() -> requests(client, store, connection));
                Thread.ofVirtual().start(() -> answers(store, client, connection));
            } catch (IOException e) {
                // Closed: the test is over.
            }
        }
    }

    /** What one connection has seen: once it carried a claim, nothing more passes on it. */
    private static final class Connection {
        volatile boolean held;
    }

    private void requests(Socket from, Socket to, Connection connection) {
        pump(from, to, chunk -> {
            if (!connection.held && new String(chunk, StandardCharsets.UTF_8).contains(CLAIM)) {
                connection.held = true;
                claimsHeld.incrementAndGet();
                return hold == Hold.ANSWER;
            }
            return !connection.held;
        });
    }

    private void answers(Socket from, Socket to, Connection connection) {
        pump(from, to, chunk -> !connection.held);
    }

    private interface Relay {
        boolean passes(byte[] chunk);
    }

    private static void pump(Socket from, Socket to, Relay relay) {
        byte[] buffer = new byte[64 * 1024];
        try (from;
                to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                byte[] chunk = Arrays.copyOf(buffer, read);
                if (relay.passes(chunk)) {
                    out.write(chunk);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // One side closed the connection; the try closes the other.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
