package dev.timers.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The two services of the native stack, found by the pids {@code ./setup.sh} records in its state folder: their
 * memory, and stopping and starting the consumer for the outage scenario (started again with the very command
 * line and environment it ran with, and recorded in the same pid file so {@code ./setup.sh --down} stops it).
 */
final class Services {

    static final String API = "api-service";
    static final String CONSUMER = "timer-consumer";

    private final Path state;
    private final Map<String, String> management;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private long peakRssKb;

    Services(Path state, String apiManagement, String consumerManagement) {
        this.state = state;
        this.management = Map.of(API, apiManagement, CONSUMER, consumerManagement);
    }

    String management(String service) {
        return management.get(service);
    }

    long pid(String service) throws IOException {
        return Long.parseLong(Files.readString(state.resolve(service + ".pid")).trim());
    }

    /** Resident memory now, in MB, or null when the process cannot be read; also remembers the peak seen. */
    Double rssMb(String service) {
        try {
            long pid = pid(service);
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    // The kernel's own high-water mark: peaks between two samples count too.
                    peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The highest resident memory either service reached while the bench read it (VmHWM), in MB. */
    double peakRssMb() {
        rssMb(API);
        rssMb(CONSUMER);
        return peakRssKb / 1024.0;
    }

    /** A stopped consumer: what it takes to start it again as it was. */
    record Stopped(List<String> command, Map<String, String> environment, File directory) {}

    /** Stops the consumer as an operator would (SIGTERM, graceful shutdown), waiting until it has exited. */
    Stopped stopConsumer() throws IOException, InterruptedException {
        long pid = pid(CONSUMER);
        String[] args = Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0");
        Map<String, String> env = new java.util.HashMap<>();
        for (String entry : Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8)
                .split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        File cwd = Path.of("/proc/" + pid + "/cwd").toRealPath().toFile();
        ProcessHandle handle =
                ProcessHandle.of(pid).orElseThrow(() -> new IOException("consumer pid " + pid + " is not running"));
        stop(handle);
        return new Stopped(new ArrayList<>(Arrays.asList(args)), env, cwd);
    }

    /** Starts the consumer again and waits until it reports healthy. */
    void startConsumer(Stopped stopped) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(stopped.command()).directory(stopped.directory());
        builder.environment().clear();
        builder.environment().putAll(stopped.environment());
        File log = state.resolve("logs").resolve(CONSUMER + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        Process process = builder.start();
        Files.writeString(state.resolve(CONSUMER + ".pid"), process.pid() + "\n");
        // As long as ./setup.sh waits, and then some: on a busy machine the broker's health check alone can take
        // a minute.
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the consumer exited on start; see " + log);
            }
            if (healthy(CONSUMER)) {
                return;
            }
            Thread.sleep(200);
        }
        // Never leave a half-started consumer behind: a later start would find its ports taken.
        stop(process.toHandle());
        throw new IOException("the consumer did not become healthy within 300 s; see " + log);
    }

    private static void stop(ProcessHandle handle) throws InterruptedException {
        handle.destroy();
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (handle.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (handle.isAlive()) {
            handle.destroyForcibly();
            handle.onExit().join();
        }
    }

    boolean healthy(String service) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(management(service) + "/actuator/health"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body()
                    .contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
