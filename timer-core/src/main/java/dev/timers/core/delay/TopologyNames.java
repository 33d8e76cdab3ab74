package dev.timers.core.delay;

/**
 * Names of every exchange and queue, all under one prefix so that several deployments (or test runs) can
 * share a broker without touching each other's messages. A quorum topology lives under {@code <prefix>.quorum}:
 * RabbitMQ refuses to declare a queue again with other arguments, so the two kinds never share a name.
 *
 * @param prefix the common prefix, e.g. {@code timers}
 * @param queues the kind of queue, which the names also tell apart
 */
public record TopologyNames(String prefix, QueueType queues) {

    /** The names of a classic topology under {@code prefix}. */
    public TopologyNames(String prefix) {
        this(prefix, QueueType.CLASSIC);
    }

    private String base() {
        return queues == QueueType.QUORUM ? prefix + ".quorum" : prefix;
    }

    /** The exchange that delivers due timers into {@link #dueQueue()}. */
    public String dueExchange() {
        return base() + ".due";
    }

    /** The queue the consumers read: each message in it is a timer whose fire time has come. */
    public String dueQueue() {
        return base() + ".due";
    }

    /** Where messages go that no consumer can handle, for an operator to look at. */
    public String deadExchange() {
        return base() + ".dead";
    }

    public String deadQueue() {
        return base() + ".dead";
    }

    /** The plugin's {@code x-delayed-message} exchange, where the broker has the plugin. */
    String delayedExchange() {
        return base() + ".delayed";
    }

    String ladderExchange(int level) {
        return base() + ".delay." + level;
    }

    String ladderQueue(int level, String digit) {
        return base() + ".delay." + level + "." + digit;
    }
}
