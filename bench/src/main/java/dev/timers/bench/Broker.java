package dev.timers.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the bench's queues hold on the local RabbitMQ, read with {@code rabbitmqctl} (which needs no management
 * plugin): messages and memory of every queue under the bench's prefix, so other users of the broker do not count.
 */
final class Broker {

    /** Messages and bytes over the bench's queues; {@code queues} is how many there are. */
    record State(long queues, long messages, long memoryBytes) {
        Map<String, Object> json() {
            var out = new LinkedHashMap<String, Object>();
            out.put("queues", queues);
            out.put("messages", messages);
            out.put("memory_bytes", memoryBytes);
            return out;
        }
    }

    private final String prefix;

    Broker(String prefix) {
        this.prefix = prefix;
    }

    /** The broker's operating-system pid (of its Erlang VM), or empty when rabbitmqctl cannot tell. */
    java.util.OptionalLong pid() {
        try {
            return rabbitmqctl("eval", "os:getpid().")
                    .map(out -> java.util.OptionalLong.of(Long.parseLong(out.replaceAll("\\D", ""))))
                    .orElse(java.util.OptionalLong.empty());
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** The state now, or null when rabbitmqctl cannot be run. */
    State state() {
        try {
            String out = rabbitmqctl("list_queues", "-q", "name", "messages", "memory")
                    .orElse(null);
            if (out == null) {
                return null;
            }
            long queues = 0, messages = 0, memory = 0;
            for (String line : out.split("\n")) {
                String[] cells = line.trim().split("\\s+");
                if (cells.length == 3 && cells[0].startsWith(prefix + ".")) {
                    queues++;
                    messages += Long.parseLong(cells[1]);
                    memory += Long.parseLong(cells[2]);
                }
            }
            return new State(queues, messages, memory);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What {@code rabbitmqctl args} printed, or empty when it could not be run, failed or took over a minute. */
    private static java.util.Optional<String> rabbitmqctl(String... args) {
        var command = new java.util.ArrayList<String>();
        command.add("rabbitmqctl");
        command.addAll(java.util.List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(out);
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
