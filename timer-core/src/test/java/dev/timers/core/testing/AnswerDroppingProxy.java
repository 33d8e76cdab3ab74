package dev.timers.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of a real store that can lose answers: once {@link #dropNextAnswers armed},
 * it lets the next request through, and when the store's answer starts to come back it closes the connection
 * instead of relaying it. The write has landed; the client sees a connection closed without an answer and, like
 * the AWS SDK, tries again. So a test sees what a lost answer does on the wire, without mocking any client.
 */
public final class AnswerDroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final AtomicInteger toDrop = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    public AnswerDroppingProxy(URI upstream) {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("proxy-accept").start(this::acceptAll);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The next {@code count} answers from the store are lost on their way back. */
    public void dropNextAnswers(int count) {
        toDrop.set(count);
    }

    /** How many answers were lost so far. */
    public int dropped() {
        return dropped.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket store = new Socket(upstream.getAddress(), upstream.getPort());
                Thread.ofVirtual().start(() -> pump(client, store, false));
                Thread.ofVirtual().start(() -> pump(store, client, true));
            } catch (IOException e) {
                // Closed: the test is over.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[64 * 1024];
        try (from;
                to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (answers && toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    dropped.incrementAndGet();
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
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
