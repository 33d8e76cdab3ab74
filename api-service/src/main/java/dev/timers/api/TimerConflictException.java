package dev.timers.api;

import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;

/** A change the timer's state does not allow: cancelling a timer that fired, replaying one that is waiting. */
class TimerConflictException extends RuntimeException {

    /** The change that was refused; each has a problem type of its own. */
    enum Change {
        CANCEL("cancelled", "only a SCHEDULED timer can be cancelled"),
        RESCHEDULE("rescheduled", "only a SCHEDULED timer can be given a new time"),
        REPLAY("replayed", "only a FAILED or SKIPPED timer can be replayed");

        private final String past;
        private final String rule;

        Change(String past, String rule) {
            this.past = past;
            this.rule = rule;
        }
    }

    private final Change change;
    private final TimerStatus status;

    TimerConflictException(Change change, Timer timer) {
        this(change, timer, change.rule);
    }

    TimerConflictException(Change change, Timer timer, String why) {
        super("Timer " + timer.id() + " is " + timer.status() + " and cannot be " + change.past + ": " + why);
        this.change = change;
        this.status = timer.status();
    }

    Change change() {
        return change;
    }

    TimerStatus status() {
        return status;
    }
}
