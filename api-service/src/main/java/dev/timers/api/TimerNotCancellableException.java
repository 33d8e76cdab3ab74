package dev.timers.api;

import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;

/** A cancel that came too late: the timer is firing or finished. */
class TimerNotCancellableException extends RuntimeException {

    private final TimerStatus status;

    TimerNotCancellableException(Timer timer) {
        super("Timer " + timer.id() + " is " + timer.status() + " and can no longer be cancelled");
        this.status = timer.status();
    }

    TimerStatus status() {
        return status;
    }
}
