package dev.timers.core.store;

import static dev.timers.core.store.TimerItems.*;
import static dev.timers.core.store.TimerRepository.status;
import static dev.timers.core.store.TimerTable.*;

import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The sparse indexes of the sweeps: {@code due}, timers that still have to fire, by shard and fire time, which the
 * rescuer reads; and {@code unpublished}, the waiting timers whose wake-up is not in the broker, which the feeder
 * reads. Since indexes are eventually consistent, every action the sweeps take is a conditional write on the item
 * itself, which decides against the item's current state.
 */
public class DueTimers {

    private final DynamoDbClient dynamo;
    private final String table;

    public DueTimers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Waiting timers of one shard due at or before {@code upTo} whose current fire time is not in the broker,
     * earliest first: one page of the sparse {@code unpublished} index, so a sweep reads only timers it has to
     * publish, however many others are pending.
     */
    public List<UnpublishedWakeUp> unpublished(int shard, Instant upTo, int limit) {
        var response = dynamo.query(QueryRequest.builder()
                .tableName(table)
                .indexName(UNPUBLISHED_INDEX)
                .keyConditionExpression("#publishShard = :shard AND #fireAt <= :upTo")
                .expressionAttributeNames(ConditionalUpdate.namesUsedIn("#publishShard #fireAt"))
                .expressionAttributeValues(Map.of(":shard", s(Integer.toString(shard)), ":upTo", n(upTo)))
                .limit(limit)
                .build());
        return response.items().stream()
                .map(item -> new UnpublishedWakeUp(UUID.fromString(item.get(ID).s()), instant(item, FIRE_AT)))
                .toList();
    }

    /**
     * Pending timers of one shard that should have fired by {@code overdueAt}: still waiting, or stuck firing.
     *
     * @param withWakeUpQueued whether to include waiting timers whose wake-up was put into the broker (marked
     *     enqueued for their fire time); leave them out while the broker still holds wake-ups for the consumers,
     *     since theirs is most likely among them
     */
    public List<Timer> overdue(int shard, Instant overdueAt, Instant now, int limit, boolean withWakeUpQueued) {
        var request = QueryRequest.builder()
                .tableName(table)
                .indexName(DUE_INDEX)
                .keyConditionExpression("#dueShard = :shard AND #fireAt <= :upTo")
                .filterExpression(TimerRepository.CLAIMABLE)
                .expressionAttributeNames(
                        ConditionalUpdate.namesUsedIn("#dueShard #fireAt " + TimerRepository.CLAIMABLE))
                .expressionAttributeValues(Map.of(
                        ":shard", s(Integer.toString(shard)),
                        ":upTo", n(overdueAt),
                        ":scheduled", status(TimerStatus.SCHEDULED),
                        ":firing", status(TimerStatus.FIRING),
                        ":now", n(now)))
                .limit(limit)
                .build();
        // A filter may not name the index's range key, so the enqueued mark is compared with the fire time here.
        return dynamo.queryPaginator(request).items().stream()
                .filter(item -> withWakeUpQueued || !wakeUpQueued(item))
                .limit(limit)
                .map(TimerItems::fromItem)
                .toList();
    }

    /**
     * How many timers still have to fire, as DynamoDB last counted the {@code due} index: free to ask (no item is
     * read), but approximate, since DynamoDB refreshes the figure only about every six hours. Emulators may not
     * keep it at all (dynalite always answers 0).
     */
    public long approximatePending() {
        return dynamo.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
                .filter(index -> index.indexName().equals(DUE_INDEX))
                .mapToLong(index -> index.itemCount() == null ? 0 : index.itemCount())
                .sum();
    }

    /** Marks the timer's current fire time as published. Only one feeder wins it. */
    public boolean markEnqueued(UUID id, Instant fireAt) {
        return ConditionalUpdate.apply(
                        dynamo,
                        table,
                        id,
                        "SET #enqueuedFor = :fireAt REMOVE #publishShard",
                        "#status = :scheduled AND #fireAt = :fireAt"
                                + " AND (attribute_not_exists(#enqueuedFor) OR #enqueuedFor <> :fireAt)",
                        Map.of(":scheduled", status(TimerStatus.SCHEDULED), ":fireAt", n(fireAt)))
                .isPresent();
    }

    /**
     * Undoes {@link #markEnqueued} (or a create or reschedule that marked the timer) after a publish that failed,
     * putting the timer back in the {@code unpublished} index so the next feeder sweep tries again. Only while it
     * still waits for that fire time: a timer claimed or ended meanwhile needs no wake-up.
     */
    public void unmarkEnqueued(UUID id, Instant fireAt) {
        ConditionalUpdate.apply(
                dynamo,
                table,
                id,
                "SET #publishShard = :shard REMOVE #enqueuedFor",
                "#enqueuedFor = :fireAt AND #status = :scheduled",
                Map.of(
                        ":fireAt", n(fireAt),
                        ":scheduled", status(TimerStatus.SCHEDULED),
                        ":shard", s(dueShardOf(id))));
    }

    /**
     * Marks an overdue timer as rescued now, unless it was rescued after {@code notSince}; only one rescuer
     * wins, and a timer whose wake-up is already on its way is not woken again on every sweep.
     */
    public Optional<Timer> markRescued(Timer overdue, Instant now, Instant notSince) {
        return ConditionalUpdate.apply(
                dynamo,
                table,
                overdue.id(),
                "SET #rescuedAt = :now, #rescues = if_not_exists(#rescues, :zero) + :one",
                "#fireAt = :fireAt AND " + TimerRepository.CLAIMABLE
                        + " AND (attribute_not_exists(#rescuedAt) OR #rescuedAt < :notSince)",
                Map.of(
                        ":now", n(now),
                        ":zero", n(0),
                        ":one", n(1),
                        ":fireAt", n(overdue.fireAt()),
                        ":scheduled", status(TimerStatus.SCHEDULED),
                        ":firing", status(TimerStatus.FIRING),
                        ":notSince", n(notSince)));
    }

    private static boolean wakeUpQueued(Map<String, AttributeValue> item) {
        return item.get(STATUS).s().equals(TimerStatus.SCHEDULED.name())
                && item.containsKey(ENQUEUED_FOR)
                && item.get(ENQUEUED_FOR).n().equals(item.get(FIRE_AT).n());
    }
}
