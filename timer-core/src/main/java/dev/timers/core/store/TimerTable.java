package dev.timers.core.store;

import java.util.UUID;

/**
 * The shape of the timers table: one item per timer (hash key {@code id}) and two sparse global secondary
 * indexes that hold only timers still to fire (SCHEDULED or FIRING): {@code due} (hash {@code dueShard}, range
 * {@code fireAt}) for the feeder and rescuer, and {@code pending} (hash {@code pendingOwner}, keys only) to count
 * an owner's pending timers against its cap. Both attributes are written with a pending timer and removed in the
 * very write that makes it final (delivered, failed, cancelled).
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

    public static final String ATTEMPTS = "attempts";
    public static final String RESCUES = "rescues";
    /** The fire time whose message is in the broker, so feeders do not publish it twice. */
    public static final String ENQUEUED_FOR = "enqueuedFor";
    /** When the rescuer last woke the timer, so it does not do so again on every sweep. */
    public static final String RESCUED_AT = "rescuedAt";

    public static final String DUE_INDEX = "due";
    public static final String PENDING_INDEX = "pending";

    /** Pending timers are spread over this many index partitions so no single one runs hot. */
    public static final int DUE_SHARDS = 16;

    private TimerTable() {}

    /** The index partition a timer belongs to while it is pending; stable for its whole life. */
    public static String dueShardOf(UUID id) {
        return Integer.toString(Math.floorMod(id.hashCode(), DUE_SHARDS));
    }
}
