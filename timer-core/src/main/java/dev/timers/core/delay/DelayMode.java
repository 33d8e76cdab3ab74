package dev.timers.core.delay;

/** How the delayed exchange is built on the broker. */
public enum DelayMode {
    /** Plugin-free: a ladder of TTL queues, one per digit and level. Works on any RabbitMQ. */
    LADDER,
    /** The rabbitmq_delayed_message_exchange plugin; start-up fails where the broker lacks it. */
    PLUGIN,
    /** The plugin where the broker has it, else the ladder; probed once at start-up. */
    AUTO
}
