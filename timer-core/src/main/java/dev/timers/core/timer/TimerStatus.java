package dev.timers.core.timer;

/** Where a timer is in its life. Every change between these is one conditional write in the store. */
public enum TimerStatus {
    /** Waiting for its fire time (or for a retry). */
    SCHEDULED,
    /** Claimed by a consumer that is calling the target; the lease says until when. */
    FIRING,
    /** The target answered 2xx. Final. */
    DELIVERED,
    /** The target failed permanently. Final. */
    FAILED,
    /** Cancelled by the client before it fired. Final. */
    CANCELLED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED || this == CANCELLED;
    }
}
