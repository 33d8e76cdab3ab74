package dev.timers.core.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook target on a loopback address of the test's choosing (127.0.0.2, 127.0.0.3, ... are distinct hosts),
 * speaking HTTP/1.1 over a plain socket so that it can misbehave in ways a well-made server cannot: never
 * answer, answer slowly, never finish its headers, trickle or flood its body. Each connection is served on a
 * virtual thread, so thousands of calls can wait on it at once. Every request is recorded when its head arrives.
 */
public final class ScriptedTarget implements AutoCloseable {

    /** What the target does with one request once it has read it. */
    @FunctionalInterface
    public interface Script {
        void respond(OutputStream out) throws IOException, InterruptedException;
    }

    /** One request the target got. */
    public record Request(String webhookId, String method, Map<String, String> headers, String body, Instant at) {}

    private final ServerSocket server;
    private final Script script;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();

    private ScriptedTarget(ServerSocket server, Script script) {
        this.server = server;
        this.script = script;
        threads.execute(this::accept);
    }

    /** A target on {@code address} (any free port) that runs {@code script} for every request. */
    public static ScriptedTarget start(String address, Script script) {
        return start(address, 0, script);
    }

    /** A target on {@code address} and {@code port}: a target that comes back where it was. */
    public static ScriptedTarget start(String address, int port, Script script) {
        try {
            var server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(address), port), 4096);
            return new ScriptedTarget(server, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A URL on {@code address} where nothing listens: connections are refused. */
    public static URI refusing(String address) {
        try (var probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return URI.create("http://" + address + ":" + probe.getLocalPort() + "/hook");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code status} with an empty body. */
    public static Script status(int status) {
        return out -> writeHead(out, status, 0);
    }

    /** Answers {@code status} after {@code delay}. */
    public static Script after(Duration delay, int status) {
        return out -> {
            Thread.sleep(delay);
            writeHead(out, status, 0);
        };
    }

    /** Reads the request and never answers. */
    public static Script silent() {
        return out -> Thread.sleep(Duration.ofHours(1));
    }

    /** Sends a status line and a header, then never ends the head. */
    public static Script unfinishedHead() {
        return out -> {
            out.write("HTTP/1.1 200 OK\r\nX-Partial: yes\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(Duration.ofHours(1));
        };
    }

    /** Answers 200 at once, then sends its 1,000-byte body one byte a second. */
    public static Script trickling() {
        return out -> {
            writeHead(out, 200, 1000);
            for (int i = 0; i < 1000; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(1000);
            }
        };
    }

    /** Answers 200 with a body of {@code bytes}, sent as fast as the client reads it. */
    public static Script flooding(long bytes) {
        return out -> {
            writeHead(out, 200, bytes);
            byte[] chunk = new byte[64 * 1024];
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
        };
    }

    public URI url() {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + "/hook");
    }

    public List<Request> received() {
        return List.copyOf(received);
    }

    public List<Request> receivedFor(Object timerId) {
        return received.stream()
                .filter(r -> timerId.toString().equals(r.webhookId()))
                .toList();
    }

    /** Answers the client closed the connection on before the script had finished writing them. */
    public long abandonedAnswers() {
        return abandoned.get();
    }

    /** Bytes the scripts managed to hand to the client before it stopped reading or closed. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Map<String, String> headers = new HashMap<>();
            String requestLine = readLine(in);
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            if (requestLine == null) {
                return;
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            received.add(new Request(
                    headers.get("webhook-id"), requestLine.split(" ")[0], Map.copyOf(headers), body, Instant.now()));
            var out = new CountingOutputStream(socket.getOutputStream());
            script.respond(out);
            out.flush();
        } catch (IOException e) {
            // The client closed the connection while the script was still answering.
            abandoned.incrementAndGet();
        } catch (InterruptedException e) {
            // The target is closing.
        } finally {
            open.remove(socket);
        }
    }

    /** Counts what reaches the socket, so a test can tell how much of a long body the client read. */
    private final class CountingOutputStream extends java.io.FilterOutputStream {

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytesWritten.addAndGet(len);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytesWritten.incrementAndGet();
        }
    }

    private static void writeHead(OutputStream out, int status, long contentLength) throws IOException {
        String head = "HTTP/1.1 " + status + " Scripted\r\nContent-Length: " + contentLength
                + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }
}
