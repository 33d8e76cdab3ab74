package dev.timers.system;

import dev.timers.core.testing.TestBackends;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A consumer in a JVM of its own, started from the test's class path, so that a test can kill it for real
 * ({@code kill -9}: {@link Process#destroyForcibly()}) or ask it to stop ({@code SIGTERM}: {@link
 * Process#destroy()}). Its log goes to {@code target/consumer-<port>.log}.
 */
final class ConsumerProcess implements AutoCloseable {

    private static final HttpClient http = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private ConsumerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ConsumerProcess start(Map<String, String> properties) {
        int serverPort = freePort();
        // The actuator (readiness, metrics) is on the management port; that is the port this class talks to.
        int port = freePort();
        Map<String, String> all = new HashMap<>(properties);
        all.put("server.port", Integer.toString(serverPort));
        all.put("management.server.port", Integer.toString(port));
        List<String> command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m"));
        // The store's credentials and region, when this JVM has them as system properties rather than in the
        // environment that the process inherits anyway.
        TestBackends.awsSystemProperties().forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(
                List.of("-cp", System.getProperty("java.class.path"), "dev.timers.consumer.ConsumerApplication"));
        all.forEach((name, value) -> command.add("--" + name + "=" + value));
        try {
            Path log = Path.of("target", "consumer-" + port + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .directory(new File("."))
                    .start();
            var consumer = new ConsumerProcess(process, port);
            consumer.awaitReady();
            return consumer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The value of the first exposed series of metric {@code name} whose labels contain {@code labels}, such
     * as {@code timers_fired_total} with {@code outcome="delivered"}.
     */
    Optional<Double> metric(String name, String labels) {
        var line = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{([^}]*)})? (\\S+)$", Pattern.MULTILINE);
        return scrape().flatMap(text -> line.matcher(text)
                        .results()
                        .filter(match -> match.group(1) == null
                                ? labels.isEmpty()
                                : match.group(1).contains(labels))
                        .findFirst())
                .map(match -> Double.parseDouble(match.group(2)));
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM, as an orchestrator stops a container. */
    void terminate() {
        process.destroy();
        waitForExit();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        Awaitility.await("consumer on port " + port + " ready")
                .atMost(Duration.ofSeconds(90))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the consumer exited; see target/consumer-" + port + ".log");
                    }
                    return get("/actuator/health/readiness")
                            .map(body -> body.contains("UP"))
                            .orElse(false);
                });
    }

    private Optional<String> scrape() {
        return get("/actuator/prometheus");
    }

    private Optional<String> get(String path) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
