package dev.timers.core.store;

import static dev.timers.core.store.TimerItems.*;
import static dev.timers.core.store.TimerTable.*;

import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The timers table. Every change of state is one conditional write (see {@link ConditionalUpdate}): a writer
 * that lost a race gets {@link Optional#empty()}, and the item stays as the winner left it.
 *
 * <pre>
 * SCHEDULED --claim--> FIRING --delivered--> DELIVERED
 *     ^                  |----retry---------> SCHEDULED (later fireAt)
 *     |                  |----failed--------> FAILED
 *     +--lease expired---+
 *     |                  |----too late------> SKIPPED
 * SCHEDULED --cancel--> CANCELLED
 * SCHEDULED --new fire time (client)--> SCHEDULED
 * FAILED, SKIPPED --replay (client)--> SCHEDULED (due now)
 * </pre>
 *
 * <p>The writes that end a timer's life (delivered, failed, skipped, cancelled) also remove {@code dueShard} and
 * {@code pendingOwner}, so it leaves both sparse indexes at the same moment; retries and releases keep them. A
 * waiting timer whose wake-up is not in the broker carries {@code publishShard}, which puts it in the feeder's
 * {@code unpublished} index: every write that sets a fire time without marking it enqueued sets it, and marking
 * enqueued, claiming and ending remove it.
 * They also set {@code expiresAt} (epoch seconds) to the end of the timer's retention, after which DynamoDB's time
 * to live removes the item where it is enabled; until then the timer stays readable. A replay removes {@code
 * expiresAt} again, and no write of a pending timer sets it.
 */
public class TimerRepository {

    private static final Logger log = LoggerFactory.getLogger(TimerRepository.class);

    private static final String OWNED_CLAIM = "#status = :firing AND #version = :version";

    /** A timer that may be fired: waiting, or claimed by a consumer whose lease ran out (it died mid-call). */
    static final String CLAIMABLE = "(#status = :scheduled OR (#status = :firing AND #leaseUntil < :now))";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration retention;

    /**
     * @param clock when a finished timer's retention starts
     * @param retention how long a finished timer is kept before DynamoDB's time to live may remove it
     */
    public TimerRepository(DynamoDbClient dynamo, String table, Clock clock, Duration retention) {
        if (!retention.isPositive()) {
            throw new IllegalArgumentException("retention must be positive, not " + retention);
        }
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Writes a new timer; an item with the same id is never overwritten.
     *
     * @param enqueued whether the caller is about to publish its message, so feeders need not
     */
    public void create(Timer timer, boolean enqueued) {
        Map<String, AttributeValue> item = new HashMap<>(toItem(timer));
        if (enqueued) {
            item.put(ENQUEUED_FOR, n(timer.fireAt()));
        } else {
            item.put(PUBLISH_SHARD, s(dueShardOf(timer.id())));
        }
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", ID))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Ids are random: the item there is this very write, landed on an attempt the SDK then retried.
            log.debug("Timer {}: put was retried after it had landed", timer.id());
        }
        log.info("Timer {} scheduled for {}", timer.id(), timer.fireAt());
    }

    /** Reads a timer with a strongly consistent read: what the last successful write left. */
    public Optional<Timer> find(UUID id) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Cancels a timer that has not started firing. Wins only against SCHEDULED. */
    public Optional<Timer> cancel(UUID id) {
        return update(
                id,
                "SET #status = :cancelled, #version = #version + :one, #expiresAt = :expiresAt"
                        + " REMOVE #dueShard, #pendingOwner, #enqueuedFor, #publishShard",
                "#status = :scheduled",
                Map.of(
                        ":cancelled", status(TimerStatus.CANCELLED),
                        ":scheduled", status(TimerStatus.SCHEDULED),
                        ":one", n(1),
                        ":expiresAt", expiresAt()));
    }

    /**
     * Takes a due timer for firing. Wins only once {@code fireAt} has come, and only while the timer is
     * SCHEDULED for exactly {@code fireAt}, or FIRING under a lease that has run out; a duplicate or stale
     * message loses.
     */
    public Optional<Timer> claim(UUID id, Instant fireAt, String owner, Instant now, Instant leaseUntil) {
        return update(
                id,
                "SET #status = :firing, #leaseUntil = :leaseUntil, #owner = :owner, #version = #version + :one"
                        + " REMOVE #publishShard",
                "#fireAt = :fireAt AND #fireAt <= :now AND " + CLAIMABLE,
                Map.of(
                        ":firing", status(TimerStatus.FIRING),
                        ":scheduled", status(TimerStatus.SCHEDULED),
                        ":leaseUntil", n(leaseUntil),
                        ":owner", s(owner),
                        ":one", n(1),
                        ":fireAt", n(fireAt),
                        ":now", n(now)));
    }

    /** Records the successful call by the holder of the claim. Ends the timer's life. */
    public Optional<Timer> markDelivered(Timer claimed, Attempt attempt) {
        return update(
                claimed.id(),
                "SET #status = :delivered, #deliveredAt = :deliveredAt, #version = #version + :one,"
                        + " #expiresAt = :expiresAt,"
                        + " #attempts = list_append(if_not_exists(#attempts, :none), :attempt), #attemptCount = :attemptCount"
                        + " REMOVE #leaseUntil, #owner, #dueShard, #pendingOwner, #lastError, #enqueuedFor, #publishShard",
                OWNED_CLAIM,
                ownedClaimValues(
                        claimed,
                        attempt,
                        Map.of(
                                ":delivered",
                                status(TimerStatus.DELIVERED),
                                ":deliveredAt",
                                n(attempt.at()),
                                ":expiresAt",
                                expiresAt())));
    }

    /** Records a permanent failure by the holder of the claim. Ends the timer's life. */
    public Optional<Timer> markFailed(Timer claimed, Attempt attempt, String reason) {
        return update(
                claimed.id(),
                "SET #status = :failed, #lastError = :error, #version = #version + :one, #expiresAt = :expiresAt,"
                        + " #attempts = list_append(if_not_exists(#attempts, :none), :attempt), #attemptCount = :attemptCount"
                        + " REMOVE #leaseUntil, #owner, #dueShard, #pendingOwner, #enqueuedFor, #publishShard",
                OWNED_CLAIM,
                ownedClaimValues(
                        claimed,
                        attempt,
                        Map.of(
                                ":failed",
                                status(TimerStatus.FAILED),
                                ":error",
                                error(reason),
                                ":expiresAt",
                                expiresAt())));
    }

    /**
     * Records, by the holder of the claim, that the timer was found later than its client allowed and was not
     * called. Ends the timer's life; no attempt is counted.
     */
    public Optional<Timer> markSkipped(Timer claimed, String reason) {
        return update(
                claimed.id(),
                "SET #status = :skipped, #lastError = :error, #version = #version + :one, #expiresAt = :expiresAt"
                        + " REMOVE #leaseUntil, #owner, #dueShard, #pendingOwner, #enqueuedFor, #publishShard",
                OWNED_CLAIM,
                Map.of(
                        ":skipped", status(TimerStatus.SKIPPED),
                        ":error", error(reason),
                        ":firing", status(TimerStatus.FIRING),
                        ":version", n(claimed.version()),
                        ":one", n(1),
                        ":expiresAt", expiresAt()));
    }

    /**
     * Moves a waiting timer to a new fire time, for its client. Wins only against SCHEDULED; a wake-up already
     * in the broker for the old time then loses its claim and is dropped.
     *
     * @param enqueued whether the caller is about to publish the new fire time's message
     */
    public Optional<Timer> changeFireTime(UUID id, Instant fireAt, boolean enqueued) {
        Map<String, AttributeValue> values =
                new HashMap<>(Map.of(":scheduled", status(TimerStatus.SCHEDULED), ":fireAt", n(fireAt), ":one", n(1)));
        String marker;
        if (enqueued) {
            values.put(":enqueued", n(fireAt));
            marker = ", #enqueuedFor = :enqueued REMOVE #rescuedAt, #publishShard";
        } else {
            values.put(":publishShard", s(dueShardOf(id)));
            marker = ", #publishShard = :publishShard REMOVE #enqueuedFor, #rescuedAt";
        }
        return update(id, "SET #fireAt = :fireAt, #version = #version + :one" + marker, "#status = :scheduled", values);
    }

    /**
     * Makes a FAILED or SKIPPED timer due again at {@code now}, for its client: it rejoins the pending indexes
     * and starts a new round of its retry schedule; the attempts made so far stay on record. Wins only against
     * the version read, so that the round starts after exactly the attempts the caller saw. The timer is pending
     * again, so its retention ends: DynamoDB's time to live no longer removes it.
     *
     * @param enqueued whether the caller is about to publish its message
     */
    public Optional<Timer> replay(Timer current, Instant now, boolean enqueued) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":scheduled", status(TimerStatus.SCHEDULED),
                ":failed", status(TimerStatus.FAILED),
                ":skipped", status(TimerStatus.SKIPPED),
                ":now", n(now),
                ":shard", s(dueShardOf(current.id())),
                ":ownedBy", s(current.owner()),
                ":replayedAfter", n(current.attempts().size()),
                ":version", n(current.version()),
                ":one", n(1)));
        String marker = ", #publishShard = :shard REMOVE #enqueuedFor, #rescuedAt, #expiresAt";
        if (enqueued) {
            values.put(":enqueued", n(now));
            marker = ", #enqueuedFor = :enqueued REMOVE #rescuedAt, #expiresAt, #publishShard";
        }
        return update(
                current.id(),
                "SET #status = :scheduled, #fireAt = :now, #dueShard = :shard, #pendingOwner = :ownedBy,"
                        + " #replayedAfter = :replayedAfter, #version = #version + :one" + marker,
                "(#status = :failed OR #status = :skipped) AND #version = :version",
                values);
    }

    /**
     * Puts the timer back to wait for another attempt at {@code nextFireAt}, by the holder of the claim.
     *
     * @param enqueued whether the caller is about to publish the new fire time's message
     */
    public Optional<Timer> reschedule(
            Timer claimed, Attempt attempt, String reason, Instant nextFireAt, boolean enqueued) {
        Map<String, AttributeValue> extra = new HashMap<>(
                Map.of(":scheduled", status(TimerStatus.SCHEDULED), ":error", error(reason), ":next", n(nextFireAt)));
        String marker;
        if (enqueued) {
            extra.put(":enqueued", n(nextFireAt));
            marker = ", #enqueuedFor = :enqueued REMOVE #leaseUntil, #owner, #rescuedAt";
        } else {
            extra.put(":publishShard", s(dueShardOf(claimed.id())));
            marker = ", #publishShard = :publishShard REMOVE #leaseUntil, #owner, #enqueuedFor, #rescuedAt";
        }
        return update(
                claimed.id(),
                "SET #status = :scheduled, #fireAt = :next, #lastError = :error, #version = #version + :one,"
                        + " #attempts = list_append(if_not_exists(#attempts, :none), :attempt), #attemptCount = :attemptCount"
                        + marker,
                OWNED_CLAIM,
                ownedClaimValues(claimed, attempt, extra));
    }

    /**
     * Gives a claim back, by its holder, when no call was made or the call was cut short by the consumer itself
     * (its target host was at its cap, or the consumer is shutting down): the timer waits again for the same
     * fire time, and no attempt is counted against it.
     */
    public Optional<Timer> release(Timer claimed) {
        return update(
                claimed.id(),
                "SET #status = :scheduled, #version = #version + :one REMOVE #leaseUntil, #owner",
                OWNED_CLAIM,
                Map.of(
                        ":scheduled", status(TimerStatus.SCHEDULED),
                        ":firing", status(TimerStatus.FIRING),
                        ":version", n(claimed.version()),
                        ":one", n(1)));
    }

    private Map<String, AttributeValue> ownedClaimValues(
            Timer claimed, Attempt attempt, Map<String, AttributeValue> extra) {
        Map<String, AttributeValue> values = new HashMap<>(extra);
        values.put(":firing", status(TimerStatus.FIRING));
        values.put(":version", n(claimed.version()));
        values.put(":one", n(1));
        values.put(":none", attempts(List.of()));
        values.put(":attempt", attempts(List.of(attempt)));
        // Exact, not an increment: the claim was read with all its attempts and the write is conditional on it.
        values.put(":attemptCount", n(claimed.attempts().size() + 1));
        return values;
    }

    private Optional<Timer> update(UUID id, String update, String condition, Map<String, AttributeValue> values) {
        return ConditionalUpdate.apply(dynamo, table, id, update, condition, values);
    }

    /** The end of the retention of a timer that ends now, in epoch seconds as DynamoDB's time to live reads it. */
    private AttributeValue expiresAt() {
        return n(clock.instant().plus(retention).getEpochSecond());
    }

    static AttributeValue status(TimerStatus status) {
        return s(status.name());
    }

    /** A reason, cut to the length an attempt keeps: it may hold text from the network. */
    private static AttributeValue error(String reason) {
        return s(Attempt.shortened(reason));
    }
}
