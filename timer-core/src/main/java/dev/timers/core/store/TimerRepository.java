package dev.timers.core.store;

import static dev.timers.core.store.TimerItems.*;
import static dev.timers.core.store.TimerTable.*;

import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The timers table. Every change of state is one conditional write: a writer that lost a race gets {@link
 * Optional#empty()}, never an exception, and the item stays as the winner left it.
 */
public class TimerRepository {

    private static final Logger log = LoggerFactory.getLogger(TimerRepository.class);

    /** Every attribute an expression below names, behind a placeholder (several are reserved words). */
    private static final Map<String, String> NAMES = Map.of(
            "#id", ID,
            "#status", STATUS,
            "#fireAt", FIRE_AT,
            "#version", VERSION,
            "#leaseUntil", LEASE_UNTIL,
            "#owner", OWNER,
            "#deliveredAt", DELIVERED_AT,
            "#lastError", LAST_ERROR,
            "#dueShard", DUE_SHARD);

    private final DynamoDbClient dynamo;
    private final String table;

    public TimerRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Writes a new timer; an item with the same id is never overwritten. */
    public void create(Timer timer) {
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(toItem(timer))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", ID))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("A timer with id " + timer.id() + " already exists", e);
        }
        log.info("Timer {} scheduled for {}", timer.id(), timer.fireAt());
    }

    /** Reads a timer with a strongly consistent read: what the last successful write left. */
    public Optional<Timer> find(UUID id) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Takes a due timer for firing. Wins only once {@code fireAt} has come, and only while the timer is
     * SCHEDULED for exactly {@code fireAt}, or FIRING under a lease that has run out; a duplicate or stale
     * message loses.
     */
    public Optional<Timer> claim(UUID id, Instant fireAt, String owner, Instant now, Instant leaseUntil) {
        return update(
                id,
                "SET #status = :firing, #leaseUntil = :leaseUntil, #owner = :owner, #version = #version + :one",
                "#fireAt = :fireAt AND #fireAt <= :now"
                        + " AND (#status = :scheduled OR (#status = :firing AND #leaseUntil < :now))",
                Map.of(
                        ":firing", s(TimerStatus.FIRING.name()),
                        ":scheduled", s(TimerStatus.SCHEDULED.name()),
                        ":leaseUntil", n(leaseUntil),
                        ":owner", s(owner),
                        ":one", n(1),
                        ":fireAt", n(fireAt),
                        ":now", n(now)));
    }

    /** Records a successful call by the holder of the claim. Ends the timer's life. */
    public Optional<Timer> markDelivered(Timer claimed, Instant deliveredAt) {
        return update(
                claimed.id(),
                "SET #status = :delivered, #deliveredAt = :deliveredAt, #version = #version + :one"
                        + " REMOVE #leaseUntil, #owner, #dueShard, #lastError",
                "#status = :firing AND #version = :version",
                Map.of(
                        ":delivered", s(TimerStatus.DELIVERED.name()),
                        ":deliveredAt", n(deliveredAt),
                        ":one", n(1),
                        ":firing", s(TimerStatus.FIRING.name()),
                        ":version", n(claimed.version())));
    }

    /** Records a permanent failure by the holder of the claim. Ends the timer's life. */
    public Optional<Timer> markFailed(Timer claimed, String error) {
        return update(
                claimed.id(),
                "SET #status = :failed, #lastError = :error, #version = #version + :one"
                        + " REMOVE #leaseUntil, #owner, #dueShard",
                "#status = :firing AND #version = :version",
                Map.of(
                        ":failed", s(TimerStatus.FAILED.name()),
                        ":error", s(error),
                        ":one", n(1),
                        ":firing", s(TimerStatus.FIRING.name()),
                        ":version", n(claimed.version())));
    }

    private Optional<Timer> update(
            UUID id, String updateExpression, String condition, Map<String, AttributeValue> values) {
        try {
            var updated = dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(key(id))
                    .updateExpression(updateExpression)
                    .conditionExpression("attribute_exists(#id) AND " + condition)
                    .expressionAttributeNames(namesUsedIn(updateExpression + " " + condition + " #id"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .build());
            return Optional.of(fromItem(updated.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** DynamoDB rejects placeholders that an expression does not use, so pass only the used ones. */
    private static Map<String, String> namesUsedIn(String expressions) {
        Map<String, String> used = new HashMap<>();
        NAMES.forEach((placeholder, name) -> {
            if (expressions.matches("(?s).*" + placeholder + "\\b.*")) {
                used.put(placeholder, name);
            }
        });
        return used;
    }
}
