package dev.timers.consumer.targets;

/** Whether a call to a target host may start now. */
public sealed interface Admission {

    /** The call may start; report how it went on the permit. */
    record Admitted(HostPermit permit) implements Admission {}

    /**
     * The host already has as many calls in flight as it may, or its circuit is letting only trial calls
     * through: try again shortly, without counting an attempt.
     *
     * @param nextInLine the owner holds less than its fair share of the host's places while the host is full,
     *     so the other owners get no new place until it has one: a place comes free for it as soon as one of
     *     their calls ends
     */
    record HostBusy(TargetHost host, boolean nextInLine) implements Admission {}

    /**
     * The host has been failing: do not call it. The turn counts as a failed attempt and the timer follows its
     * retry schedule.
     */
    record CircuitOpen(TargetHost host) implements Admission {}
}
