package dev.timers.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A TCP proxy on loopback in front of a real server. Every chunk of bytes, each way, goes past a {@link Policy}
 * of its connection, which passes it on, swallows it (the connection stays open, as behind a hung peer), or ends
 * the connection. The tests' faulty networks are policies of this one proxy.
 */
public final class LoopbackProxy implements AutoCloseable {

    /** Which way a chunk travels. */
    public enum Direction {
        /** From the client to the server. */
        REQUEST,
        /** From the server back to the client. */
        ANSWER
    }

    /** What becomes of a chunk. */
    public enum Verdict {
        PASS,
        SWALLOW,
        CLOSE
    }

    /** Decides for one connection; a new one is asked for each connection. */
    @FunctionalInterface
    public interface Policy {
        Verdict on(Direction direction, byte[] chunk);
    }

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Supplier<Policy> policies;

    public LoopbackProxy(String host, int port, Supplier<Policy> policies) {
        this.upstream = new InetSocketAddress(host, port);
        this.policies = policies;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("loopback-proxy").start(this::acceptAll);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(upstream.getAddress(), upstream.getPort());
                Policy policy = policies.get();
                Thread.ofVirtual().start(() -> pump(client, target, Direction.REQUEST, policy));
                Thread.ofVirtual().start(() -> pump(target, client, Direction.ANSWER, policy));
            } catch (IOException e) {
                // Closed (the test is over), or the server refused: the client sees its connection end.
            }
        }
    }

    private static void pump(Socket from, Socket to, Direction direction, Policy policy) {
        byte[] buffer = new byte[64 * 1024];
        try (from;
                to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                byte[] chunk = Arrays.copyOf(buffer, read);
                switch (policy.on(direction, chunk)) {
                    case PASS -> {
                        out.write(chunk);
                        out.flush();
                    }
                    case SWALLOW -> {}
                    case CLOSE -> {
                        return;
                    }
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
