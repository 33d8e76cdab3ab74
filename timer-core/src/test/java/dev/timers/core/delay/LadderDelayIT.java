package dev.timers.core.delay;

import java.time.Duration;

/** The ladder on classic queues, on the real broker. */
class LadderDelayIT extends LadderDelayTests {

    /** The classic ladder measured single-digit milliseconds here. */
    LadderDelayIT() {
        super(QueueType.CLASSIC, Duration.ofMillis(100));
    }
}
