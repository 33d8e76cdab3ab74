package dev.timers.core.store;

import static dev.timers.core.store.TimerItems.fromItem;
import static dev.timers.core.store.TimerItems.key;
import static dev.timers.core.store.TimerTable.*;

import dev.timers.core.timer.Timer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One conditional UpdateItem on a timer's item. A write whose condition does not hold changes nothing and
 * comes back as {@link Optional#empty()}: losing a race is an outcome, not an error.
 *
 * <p>A write the SDK retried after it had landed (the first attempt succeeded, its answer was lost on the way)
 * fails its own condition on the retry, which would read as a lost race. So every write also sets {@code
 * lastWrite} to a token of its own, fresh for each write and the same for every attempt the SDK makes of it;
 * when the condition fails, the item is looked at, and a {@code lastWrite} equal to the token means the write
 * is ours and landed: it comes back as won, with the item as it left it. Any later write replaces the token, so
 * an item someone else changed since still reads as lost.
 *
 * <p>Where the item is looked at: DynamoDB returns it with the failure ({@code
 * ReturnValuesOnConditionCheckFailure=ALL_OLD}), at no extra cost; dynalite (4.0) accepts the parameter but
 * returns no item, so there it is read again with a strongly consistent GetItem.
 */
final class ConditionalUpdate {

    /** Attribute placeholders; several attributes are DynamoDB reserved words (status, owner, url). */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("#id", ID),
            Map.entry("#status", STATUS),
            Map.entry("#fireAt", FIRE_AT),
            Map.entry("#version", VERSION),
            Map.entry("#leaseUntil", LEASE_UNTIL),
            Map.entry("#owner", OWNER),
            Map.entry("#deliveredAt", DELIVERED_AT),
            Map.entry("#lastError", LAST_ERROR),
            Map.entry("#dueShard", DUE_SHARD),
            Map.entry("#pendingOwner", PENDING_OWNER),
            Map.entry("#attempts", ATTEMPTS),
            Map.entry("#attemptCount", ATTEMPT_COUNT),
            Map.entry("#rescues", RESCUES),
            Map.entry("#enqueuedFor", ENQUEUED_FOR),
            Map.entry("#publishShard", PUBLISH_SHARD),
            Map.entry("#rescuedAt", RESCUED_AT),
            Map.entry("#replayedAfter", REPLAYED_AFTER),
            Map.entry("#ownedBy", OWNED_BY),
            Map.entry("#createdAt", CREATED_AT),
            Map.entry("#expiresAt", EXPIRES_AT),
            Map.entry("#lastWrite", LAST_WRITE));

    private static final Pattern PLACEHOLDER = Pattern.compile("#[A-Za-z]+");

    private ConditionalUpdate() {}

    static Optional<Timer> apply(
            DynamoDbClient dynamo,
            String table,
            UUID id,
            String update,
            String condition,
            Map<String, AttributeValue> values) {
        String fullCondition = "attribute_exists(#id) AND (" + condition + ")";
        String fullUpdate = withToken(update);
        AttributeValue token = AttributeValue.fromS(UUID.randomUUID().toString());
        Map<String, AttributeValue> fullValues = new HashMap<>(values);
        fullValues.put(":lastWrite", token);
        try {
            var updated = dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(key(id))
                    .updateExpression(fullUpdate)
                    .conditionExpression(fullCondition)
                    .expressionAttributeNames(namesUsedIn(fullUpdate + " " + fullCondition))
                    .expressionAttributeValues(fullValues)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Optional.of(fromItem(updated.attributes()));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> current =
                    e.hasItem() && !e.item().isEmpty() ? e.item() : read(dynamo, table, id);
            return current != null && token.equals(current.get(LAST_WRITE))
                    ? Optional.of(fromItem(current))
                    : Optional.empty();
        }
    }

    /** Adds the write's token to its SET clause (or gives it one). */
    static String withToken(String update) {
        return update.startsWith("SET ")
                ? "SET #lastWrite = :lastWrite, " + update.substring("SET ".length())
                : "SET #lastWrite = :lastWrite " + update;
    }

    private static Map<String, AttributeValue> read(DynamoDbClient dynamo, String table, UUID id) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** DynamoDB rejects placeholders that an expression does not use, so pass only the used ones. */
    static Map<String, String> namesUsedIn(String expressions) {
        Map<String, String> used = new HashMap<>();
        PLACEHOLDER.matcher(expressions).results().map(r -> r.group()).forEach(placeholder -> {
            String name = NAMES.get(placeholder);
            if (name == null) {
                throw new IllegalArgumentException("Unknown attribute placeholder " + placeholder);
            }
            used.put(placeholder, name);
        });
        return used;
    }
}
