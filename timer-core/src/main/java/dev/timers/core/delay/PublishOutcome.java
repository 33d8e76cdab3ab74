package dev.timers.core.delay;

/** What became of one publish to the delayed exchange. */
public sealed interface PublishOutcome {

    /** The broker took the message and routed it to a queue. */
    record Confirmed() implements PublishOutcome {}

    /** The broker refused the message (negative acknowledgement). */
    record Nacked(String reason) implements PublishOutcome {}

    /** The broker took the message but no queue was bound to take it (missing topology). */
    record Returned(String reason) implements PublishOutcome {}

    /** No answer: connection down, or no confirm in time. The message may or may not be in the broker. */
    record Failed(String reason) implements PublishOutcome {}

    default boolean confirmed() {
        return this instanceof Confirmed;
    }
}
