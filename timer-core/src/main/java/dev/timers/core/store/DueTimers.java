package dev.timers.core.store;

import static dev.timers.core.store.TimerItems.*;
import static dev.timers.core.store.TimerRepository.status;
import static dev.timers.core.store.TimerTable.*;

import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The sparse {@code due} index: timers that still have to fire, by shard and fire time. The feeder and the
 * rescuer read it; since the index is eventually consistent, every action they take is a conditional write
 * on the item itself, which decides against the item's current state.
 */
public class DueTimers {

    private final DynamoDbClient dynamo;
    private final String table;

    public DueTimers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Pending timers of one shard due at or before {@code upTo} whose current fire time is not in the broker. */
    public List<Timer> notEnqueued(int shard, Instant upTo, int limit) {
        // A filter may not name the index's range key, so compare the two attributes here.
        return query(
                shard,
                upTo,
                limit,
                null,
                Map.of(),
                item -> !item.containsKey(ENQUEUED_FOR)
                        || !item.get(ENQUEUED_FOR).n().equals(item.get(FIRE_AT).n()));
    }

    /** Pending timers of one shard that should have fired by {@code overdueAt}: still waiting, or stuck firing. */
    public List<Timer> overdue(int shard, Instant overdueAt, Instant now, int limit) {
        return query(
                shard,
                overdueAt,
                limit,
                TimerRepository.CLAIMABLE,
                Map.of(
                        ":scheduled", status(TimerStatus.SCHEDULED),
                        ":firing", status(TimerStatus.FIRING),
                        ":now", n(now)),
                item -> true);
    }

    /** How many timers of one shard still have to fire (a paginated COUNT over the index). */
    public long countPending(int shard) {
        var request = QueryRequest.builder()
                .tableName(table)
                .indexName(DUE_INDEX)
                .keyConditionExpression("#dueShard = :shard")
                .expressionAttributeNames(Map.of("#dueShard", DUE_SHARD))
                .expressionAttributeValues(Map.of(":shard", s(Integer.toString(shard))))
                .select(Select.COUNT)
                .build();
        return dynamo.queryPaginator(request).stream()
                .mapToLong(page -> page.count())
                .sum();
    }

    /** Marks the timer's current fire time as published. Only one feeder wins it. */
    public boolean markEnqueued(UUID id, Instant fireAt) {
        return ConditionalUpdate.apply(
                        dynamo,
                        table,
                        id,
                        "SET #enqueuedFor = :fireAt",
                        "#status = :scheduled AND #fireAt = :fireAt"
                                + " AND (attribute_not_exists(#enqueuedFor) OR #enqueuedFor <> :fireAt)",
                        Map.of(":scheduled", status(TimerStatus.SCHEDULED), ":fireAt", n(fireAt)))
                .isPresent();
    }

    /** Undoes {@link #markEnqueued} after a publish that failed, so the next feeder sweep tries again. */
    public void unmarkEnqueued(UUID id, Instant fireAt) {
        ConditionalUpdate.apply(
                dynamo, table, id, "REMOVE #enqueuedFor", "#enqueuedFor = :fireAt", Map.of(":fireAt", n(fireAt)));
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

    private List<Timer> query(
            int shard,
            Instant upTo,
            int limit,
            String filter,
            Map<String, AttributeValue> filterValues,
            Predicate<Map<String, AttributeValue>> keep) {
        var values = new HashMap<>(filterValues);
        values.put(":shard", s(Integer.toString(shard)));
        values.put(":upTo", n(upTo));
        var request = QueryRequest.builder()
                .tableName(table)
                .indexName(DUE_INDEX)
                .keyConditionExpression("#dueShard = :shard AND #fireAt <= :upTo")
                .filterExpression(filter)
                .expressionAttributeNames(
                        ConditionalUpdate.namesUsedIn("#dueShard #fireAt " + (filter == null ? "" : filter)))
                .expressionAttributeValues(values)
                .limit(limit)
                .build();
        return dynamo.queryPaginator(request).items().stream()
                .filter(keep)
                .limit(limit)
                .map(TimerItems::fromItem)
                .toList();
    }
}
