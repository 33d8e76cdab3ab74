package dev.timers.core.delay;

/** How the delayed exchange is built on the broker. */
public enum DelayMode {
    /** Plugin-free: a ladder of TTL queues, one per digit and level. Works on any RabbitMQ. */
    LADDER
}
