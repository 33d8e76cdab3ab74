package dev.timers.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker address that black-holes: it accepts TCP connections on loopback and never says a word, as a broker
 * behind a dead firewall rule or a hung process does. A client's connect succeeds; its AMQP handshake waits.
 * Connections are held open until {@link #close()}.
 */
public final class SilentBroker implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SilentBroker(ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofPlatform().name("silent-broker").daemon(true).start(this::accept);
    }

    /** Starts listening on a free loopback port. */
    public static SilentBroker start() {
        try {
            return new SilentBroker(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many connections it has taken (and holds, unanswered). */
    public int connectionsAccepted() {
        return held.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                held.add(server.accept());
            } catch (IOException e) {
                // closed
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
            acceptor.join(1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
