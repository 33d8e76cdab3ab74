package dev.timers.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A dynalite of a test's own, for tests that stop and restart the store. It runs the copy that {@code
 * ./test.sh} installed in {@code tools/dynalite}, keeps its data in a folder of its own across restarts, and
 * is stopped through its process handle, never by name.
 */
public final class DynaliteProcess implements AutoCloseable {

    private final Path executable;
    private final Path data;
    private final int port;
    private Process process;

    private DynaliteProcess(Path executable, Path data, int port) {
        this.executable = executable;
        this.data = data;
        this.port = port;
    }

    public static DynaliteProcess start() {
        try {
            Path executable = locate();
            var dynalite = new DynaliteProcess(executable, Files.createTempDirectory("dynalite-"), freePort());
            dynalite.startAgain();
            return dynalite;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the process on the same port and data folder, and waits until it accepts connections. */
    public void startAgain() {
        try {
            process = new ProcessBuilder(
                            "node",
                            executable.toString(),
                            "--port",
                            Integer.toString(port),
                            "--path",
                            data.toString(),
                            "--createTableMs",
                            "0",
                            "--deleteTableMs",
                            "0")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitPort(true);
    }

    /** Stops the process, as a crash or restart of the store would. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        awaitPort(false);
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitPort(boolean open) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (isOpen() == open) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("dynalite on port " + port + (open ? " did not start" : " did not stop"));
    }

    private boolean isOpen() {
        try (var socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/dynalite/node_modules/dynalite/cli.js");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("tools/dynalite is not installed: run the tests with ./test.sh, or install it"
                + " with `npm ci --prefix tools/dynalite` (this test stops and restarts a store of its own, which"
                + " a container would not keep its data through)");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
