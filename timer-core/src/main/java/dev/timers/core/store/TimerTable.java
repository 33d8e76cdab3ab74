package dev.timers.core.store;

import java.util.List;
import java.util.UUID;

/**
 * The shape of the timers table: one item per timer (hash key {@code id}) and two sparse global secondary
 * indexes that hold only timers still to fire (SCHEDULED or FIRING): {@code due} (hash {@code dueShard}, range
 * {@code fireAt}) for the rescuer, and {@code pending} (hash {@code pendingOwner}, keys only) to count
 * an owner's pending timers against its cap. Both attributes are written with a pending timer and removed in the
 * very write that makes it final (delivered, failed, skipped, cancelled). A third index, {@code owner} (hash
 * {@code ownedBy}, range {@code createdAt}), lists an owner's timers newest first. A fourth, {@code
 * unpublished} (hash {@code publishShard}, range {@code fireAt}, keys only), is sparser still: it holds only the
 * waiting timers whose wake-up is not in the broker, so the feeder reads what it has to publish and nothing more.
 *
 * <p>The same table holds the idempotency keys of creates (see {@link IdempotencyKeys}); their ids cannot be
 * taken for a timer's, and they carry none of the indexes' attributes.
 *
 * <p>{@code localstack-init/} creates the same table for operators; a test keeps the two in step.
 */
public final class TimerTable {

    public static final String ID = "id";
    public static final String STATUS = "status";
    public static final String FIRE_AT = "fireAt";
    public static final String URL = "url";
    public static final String CREATED_AT = "createdAt";
    public static final String VERSION = "version";
    public static final String LEASE_UNTIL = "leaseUntil";
    /** The consumer instance holding the claim while FIRING (not the timer's owner, see {@link #OWNED_BY}). */
    public static final String OWNER = "owner";
    /** Who created the timer; absent on items written before timers had owners (read as anonymous). */
    public static final String OWNED_BY = "ownedBy";

    public static final String DELIVERED_AT = "deliveredAt";
    public static final String LAST_ERROR = "lastError";
    public static final String DUE_SHARD = "dueShard";
    /** The timer's owner while it is pending (the {@link #PENDING_INDEX} key); absent once it is final. */
    public static final String PENDING_OWNER = "pendingOwner";

    /** The target request: method, the client's headers (a map), its body and the body's media type. */
    public static final String METHOD = "method";

    public static final String HEADERS = "headers";
    public static final String BODY = "body";
    public static final String CONTENT_TYPE = "contentType";
    /** The client's labels (a map), never sent to the target. */
    public static final String METADATA = "metadata";
    /** The timer's own number of calls, when it chose one. */
    public static final String RETRY_ATTEMPTS = "retryAttempts";
    /** The timer's own retry waits (a list of milliseconds), when it chose them. */
    public static final String RETRY_SCHEDULE = "retrySchedule";
    /** The lateness (milliseconds) beyond which the timer is skipped, when it chose one. */
    public static final String SKIP_IF_LATER_THAN = "skipIfLaterThanMs";
    /** How many attempts had been made at the last replay. */
    public static final String REPLAYED_AFTER = "replayedAfter";

    public static final String ATTEMPTS = "attempts";
    /**
     * How many attempts {@link #ATTEMPTS} holds, so a list can show it without reading the attempts; absent on
     * items whose last attempt was written before it was kept.
     */
    public static final String ATTEMPT_COUNT = "attemptCount";

    public static final String RESCUES = "rescues";
    /**
     * The timer's index partition while it waits and its current fire time's wake-up is not in the broker (the
     * {@link #UNPUBLISHED_INDEX} key): set by every write that leaves it so, removed by the one that marks it
     * enqueued, and by every write that claims or ends the timer.
     */
    public static final String PUBLISH_SHARD = "publishShard";
    /** The fire time whose message is in the broker, so feeders do not publish it twice. */
    public static final String ENQUEUED_FOR = "enqueuedFor";
    /** When the rescuer last woke the timer, so it does not do so again on every sweep. */
    public static final String RESCUED_AT = "rescuedAt";

    /**
     * When DynamoDB's time to live may remove the item, in epoch seconds: set on a finished timer (delivered,
     * failed, skipped, cancelled) to the end of its retention, and on an idempotency key; a replay removes it.
     */
    public static final String EXPIRES_AT = "expiresAt";
    /** The token of the last conditional write, so a writer can tell its own retried write from another's. */
    public static final String LAST_WRITE = "lastWrite";

    public static final String DUE_INDEX = "due";
    public static final String PENDING_INDEX = "pending";
    /**
     * Waiting timers whose wake-up is not in the broker, by partition and fire time (keys only): what the
     * feeder has to publish, and nothing else.
     */
    public static final String UNPUBLISHED_INDEX = "unpublished";
    /**
     * Every timer of an owner, newest first: hash {@link #OWNED_BY}, range {@link #CREATED_AT}, projecting {@link
     * #SUMMARY_ATTRIBUTES} only. Every write of a timer is also written to the index, in proportion to what it
     * projects, so a body or headers there would cost on every write and fill every page of a list.
     */
    public static final String OWNER_INDEX = "owner";

    /** The attributes a list shows (besides the table's and the owner index's keys), and all the owner index holds. */
    public static final List<String> SUMMARY_ATTRIBUTES =
            List.of(STATUS, FIRE_AT, URL, METHOD, METADATA, DELIVERED_AT, LAST_ERROR, ATTEMPT_COUNT);

    /** Pending timers are spread over this many index partitions so no single one runs hot. */
    public static final int DUE_SHARDS = 16;

    private TimerTable() {}

    /** The index partition a timer belongs to while it is pending; stable for its whole life. */
    public static String dueShardOf(UUID id) {
        return Integer.toString(Math.floorMod(id.hashCode(), DUE_SHARDS));
    }
}
