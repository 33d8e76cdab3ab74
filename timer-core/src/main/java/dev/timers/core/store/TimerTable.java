package dev.timers.core.store;

import java.util.UUID;

/**
 * The shape of the timers table: one item per timer (hash key {@code id}) and the sparse global secondary
 * index {@code due} (hash {@code dueShard}, range {@code fireAt}) that holds only timers still to fire.
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
    public static final String ATTEMPTS = "attempts";
    public static final String RESCUES = "rescues";
    /** The fire time whose message is in the broker, so feeders do not publish it twice. */
    public static final String ENQUEUED_FOR = "enqueuedFor";
    /** When the rescuer last woke the timer, so it does not do so again on every sweep. */
    public static final String RESCUED_AT = "rescuedAt";

    public static final String DUE_INDEX = "due";

    /** Pending timers are spread over this many index partitions so no single one runs hot. */
    public static final int DUE_SHARDS = 16;

    private TimerTable() {}

    /** The index partition a timer belongs to while it is pending; stable for its whole life. */
    public static String dueShardOf(UUID id) {
        return Integer.toString(Math.floorMod(id.hashCode(), DUE_SHARDS));
    }
}
