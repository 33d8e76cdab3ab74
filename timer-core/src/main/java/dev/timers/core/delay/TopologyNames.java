package dev.timers.core.delay;

/**
 * Names of every exchange and queue, all under one prefix so that several deployments (or test runs) can
 * share a broker without touching each other's messages.
 *
 * @param prefix the common prefix, e.g. {@code timers}
 */
public record TopologyNames(String prefix) {

    /** The exchange that delivers due timers into {@link #dueQueue()}. */
    public String dueExchange() {
        return prefix + ".due";
    }

    /** The queue the consumers read: each message in it is a timer whose fire time has come. */
    public String dueQueue() {
        return prefix + ".due";
    }

    /** Where messages go that no consumer can handle, for an operator to look at. */
    public String deadExchange() {
        return prefix + ".dead";
    }

    public String deadQueue() {
        return prefix + ".dead";
    }

    /** The plugin's {@code x-delayed-message} exchange, where the broker has the plugin. */
    String delayedExchange() {
        return prefix + ".delayed";
    }

    String ladderExchange(int level) {
        return prefix + ".delay." + level;
    }

    String ladderQueue(int level, String digit) {
        return prefix + ".delay." + level + "." + digit;
    }
}
