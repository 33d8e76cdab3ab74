package dev.timers.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A three-node RabbitMQ cluster on this machine, started, faulted and stopped through {@code
 * scripts/rabbitmq-cluster.sh}, so that tests and people use the same cluster. Its state lives in a folder of
 * its own, which {@link #close()} removes together with the nodes.
 */
final class RabbitMqCluster implements AutoCloseable {

    /** The script's exit status when there is no rabbitmq-server on this machine. */
    private static final int NOT_INSTALLED = 3;

    private final Path script;
    private final Path dir;
    private final String addresses;

    private RabbitMqCluster(Path script, Path dir, String addresses) {
        this.script = script;
        this.dir = dir;
        this.addresses = addresses;
    }

    /** Whether this machine has a rabbitmq-server to start the nodes with. */
    static boolean installed() {
        return run(script(), List.of("check")).status() != NOT_INSTALLED;
    }

    /** Starts three nodes and joins them; returns once each of them sees all three running. */
    static RabbitMqCluster start() {
        Path script = script();
        Path dir;
        try {
            dir = Files.createTempDirectory("timers-rabbitmq-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String output = expectSuccess(script, dir, "start");
        String addresses = output.lines()
                .filter(line -> line.startsWith("SPRING_RABBITMQ_ADDRESSES="))
                .map(line -> line.substring(line.indexOf('=') + 1))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the script printed no address list:\n" + output));
        return new RabbitMqCluster(script, dir, addresses);
    }

    /** {@code 127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3}, for {@code spring.rabbitmq.addresses}. */
    String addresses() {
        return addresses;
    }

    /** The node's name, {@code timers-a@localhost} for node 1. */
    static String nodeName(int node) {
        return "timers-" + (char) ('a' + node - 1) + "@localhost";
    }

    static int nodeNumber(String name) {
        for (int node = 1; node <= 3; node++) {
            if (nodeName(node).equals(name)) {
                return node;
            }
        }
        throw new IllegalArgumentException("not a node of this cluster: " + name);
    }

    /** {@code rabbitmqctl stop}: the node leaves cleanly and hands its leaderships over. */
    void stopNode(int node) {
        expectSuccess(script, dir, "stop-node", Integer.toString(node));
    }

    /** {@code kill -9} of the node's Erlang VM: no goodbye to the others. */
    void killNode(int node) {
        expectSuccess(script, dir, "kill-node", Integer.toString(node));
    }

    /** Starts the node again on its own data; it returns once the node runs and has rejoined. */
    void startNode(int node) {
        expectSuccess(script, dir, "start-node", Integer.toString(node));
    }

    /** Starts whichever nodes are not running, so that a test begins with all three. */
    void startAllNodes() {
        for (int node = 1; node <= 3; node++) {
            startNode(node);
        }
    }

    /** The cluster's quorum queues whose names start with {@code prefix}, as a running node sees them now. */
    List<QuorumQueue> quorumQueues(String prefix) {
        List<QuorumQueue> queues = new ArrayList<>();
        for (String line : expectSuccess(script, dir, "queues", prefix).lines().toList()) {
            String[] fields = line.split("\t", -1);
            if (fields.length >= 4) {
                List<String> members =
                        List.of(fields[3].replaceAll("[\\[\\] ]", "").split(","));
                queues.add(new QuorumQueue(fields[0], fields[1], count(fields[2]), members));
            }
        }
        return queues;
    }

    /** A queue whose leader is away shows no count. */
    private static long count(String field) {
        return field.strip().matches("\\d+") ? Long.parseLong(field.strip()) : 0;
    }

    /** Node name, AMQP port and pid of each node, or that it is stopped. */
    String status() {
        return expectSuccess(script, dir, "status");
    }

    /** Stops every node (by the pids the script recorded) and removes the cluster's folder. */
    @Override
    public void close() {
        expectSuccess(script, dir, "stop");
    }

    /**
     * One quorum queue.
     *
     * @param leader the node that leads it, empty while none does
     * @param messages messages ready or delivered and not yet acknowledged
     * @param members the nodes holding a replica
     */
    record QuorumQueue(String name, String leader, long messages, List<String> members) {}

    private record Result(int status, String output) {}

    private static String expectSuccess(Path script, Path dir, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--dir", dir.toString()));
        all.addAll(List.of(arguments));
        Result result = run(script, all);
        if (result.status() != 0) {
            throw new IllegalStateException("rabbitmq-cluster.sh " + String.join(" ", arguments) + " exited with "
                    + result.status() + ":\n" + result.output());
        }
        return result.output();
    }

    private static Result run(Path script, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(arguments);
        try {
            Path output = Files.createTempFile("rabbitmq-cluster", ".out");
            try {
                var process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                // Starting three nodes on a busy two-core machine has taken a minute and a half.
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("rabbitmq-cluster.sh " + arguments + " did not finish");
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The script, found from the module's folder (where Maven runs the tests) upwards. */
    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/rabbitmq-cluster.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "scripts/rabbitmq-cluster.sh not found above " + Path.of("").toAbsolutePath());
    }
}
