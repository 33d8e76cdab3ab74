package dev.timers.core.timer;

/** Where a timer is in its life. Every change between these is one conditional write in the store. */
public enum TimerStatus {
    /** Waiting for its fire time (or for a retry). */
    SCHEDULED,
    /** Claimed by a consumer that is calling the target; the lease says until when. */
    FIRING,
    /** The target answered 2xx. Final. */
    DELIVERED,
    /** The target failed permanently, or kept failing until the retries were spent. Final, but replayable. */
    FAILED,
    /**
     * Not called because it was found later than its client allowed ({@code onOverdue.skipIfLaterThan}). Final,
     * but replayable.
     */
    SKIPPED,
    /** Cancelled by the client before it fired. Final. */
    CANCELLED;

    public boolean isFinal() {
        return this != SCHEDULED && this != FIRING;
    }

    /** Whether a client may make it due again: it ended without its target having been reached. */
    public boolean isReplayable() {
        return this == FAILED || this == SKIPPED;
    }
}
