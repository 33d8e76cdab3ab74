package dev.timers.consumer.delivery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * One host and port for every owner of a test: {@code /fail} answers 500, {@code /ok} 200 at once, {@code /slow}
 * 200 after {@link #SLOW}; each call recorded.
 */
final class SharedHost implements AutoCloseable {

    static final Duration SLOW = Duration.ofMillis(400);

    private final HttpServer server;
    private final Map<String, List<Instant>> calls = new ConcurrentHashMap<>();

    SharedHost() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            Instant at = Instant.now();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            exchange.getRequestBody().readAllBytes();
            if (id != null) {
                calls.computeIfAbsent(id, ignored -> new CopyOnWriteArrayList<>())
                        .add(at);
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/slow")) {
                try {
                    Thread.sleep(SLOW);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = path.equals("/fail") ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Instant> calls(UUID id) {
        return calls.getOrDefault(id.toString(), List.of());
    }

    boolean calledOnce(List<UUID> ids) {
        return ids.stream().allMatch(id -> calls(id).size() == 1);
    }

    Instant firstCall(UUID id) {
        return calls(id).getFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
