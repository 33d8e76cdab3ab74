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
            Process process = new ProcessBuilder("rabbitmqctl", "eval", "os:getpid().")
                    .redirectErrorStream(false)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                return java.util.OptionalLong.empty();
            }
            return java.util.OptionalLong.of(Long.parseLong(out.replaceAll("\\D", "")));
        } catch (IOException | NumberFormatException e) {
            return java.util.OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalLong.empty();
        }
    }

    /** The state now, or null when rabbitmqctl cannot be run. */
    State state() {
        try {
            Process process = new ProcessBuilder("rabbitmqctl", "list_queues", "-q", "name", "messages", "memory")
                    .redirectErrorStream(false)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
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
        } catch (IOException | NumberFormatException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
