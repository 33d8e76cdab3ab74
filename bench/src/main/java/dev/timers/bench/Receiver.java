package dev.timers.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook receiver both schedulers call: on loopback, a virtual thread per call, and the arrival time of each
 * {@code webhook-id} taken before anything else is read. {@code /fast} answers at once; {@code /slow} answers after
 * one second, like a receiver that does real work per call.
 */
final class Receiver implements AutoCloseable {

    /** The first arrival of one id, in microseconds since the epoch, and how many times it came. */
    static final class Hits {
        final long firstMicros;
        final AtomicInteger count = new AtomicInteger();

        Hits(long firstMicros) {
            this.firstMicros = firstMicros;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Hits> hits = new ConcurrentHashMap<>();
    private final AtomicInteger withoutId = new AtomicInteger();

    Receiver() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    /**
     * A receiver that answers on every address of this machine, so on every loopback address (127.0.0.2,
     * 127.0.0.3, ...), each of which is a distinct host to the services. Only for the scenario that needs them,
     * and only while it runs.
     */
    static Receiver onEveryAddress() throws IOException {
        return new Receiver(new InetSocketAddress(0).getAddress());
    }

    private Receiver(InetAddress address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, 0), 4096);
        server.createContext("/fast", exchange -> answer(exchange, 0));
        server.createContext("/slow", exchange -> answer(exchange, 1000));
        server.setExecutor(threads);
        server.start();
    }

    String url(String path) {
        return url("127.0.0.1", path);
    }

    /** The receiver's {@code path} on {@code loopbackAddress}, which must be one it answers on. */
    String url(String loopbackAddress, String path) {
        return "http://" + loopbackAddress + ":" + server.getAddress().getPort() + path;
    }

    private void answer(HttpExchange exchange, long holdMillis) throws IOException {
        long micros = Clocks.nowMicros();
        try (exchange) {
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id == null) {
                withoutId.incrementAndGet();
            } else {
                hits.computeIfAbsent(id, key -> new Hits(micros)).count.incrementAndGet();
            }
            exchange.getRequestBody().readAllBytes();
            if (holdMillis > 0) {
                Thread.sleep(holdMillis);
            }
            exchange.sendResponseHeaders(204, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The arrivals of {@code id}, or null when it never came. */
    Hits hits(String id) {
        return hits.get(id);
    }

    int callsWithoutId() {
        return withoutId.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** Microsecond wall-clock time: the same clock the services read fire times against. */
    static final class Clocks {
        private Clocks() {}

        static long nowMicros() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        }
    }
}
