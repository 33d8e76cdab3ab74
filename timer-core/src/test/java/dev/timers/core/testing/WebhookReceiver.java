package dev.timers.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A real HTTP server on loopback that stands in for a timer's target: it records every request with the
 * moment it arrived and answers with the responses queued by the test, then 200.
 */
public final class WebhookReceiver implements AutoCloseable {

    /**
     * One request the receiver got.
     *
     * @param headers every header, names in lower case
     * @param rawBody the body's bytes exactly as they arrived (what a signature covers)
     */
    public record Received(
            String webhookId,
            String method,
            String body,
            long arrivedNanos,
            Map<String, List<String>> headers,
            byte[] rawBody) {

        /** The first value of this header (any case), or null when it was not sent. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final ConcurrentLinkedQueue<MockResponse> queued = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                long now = System.nanoTime();
                var body = request.getBody();
                received.add(new Received(
                        request.getHeaders().get("webhook-id"),
                        request.getMethod(),
                        body == null ? "" : body.utf8(),
                        now,
                        request.getHeaders().toMultimap(),
                        body == null ? new byte[0] : body.toByteArray()));
                MockResponse next = queued.poll();
                return next != null
                        ? next
                        : new MockResponse.Builder().code(200).build();
            }
        });
    }

    public static WebhookReceiver start() {
        var receiver = new WebhookReceiver();
        try {
            receiver.server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return receiver;
    }

    /** Answers the next requests with these responses, in order. */
    public WebhookReceiver thenRespond(MockResponse... responses) {
        queued.addAll(List.of(responses));
        return this;
    }

    public URI url() {
        return server.url("/hook").uri();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(Object timerId) {
        return received.stream()
                .filter(r -> timerId.toString().equals(r.webhookId()))
                .toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
