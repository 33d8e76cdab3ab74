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
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One conditional UpdateItem on a timer's item. A write whose condition does not hold changes nothing and
 * comes back as {@link Optional#empty()}: losing a race is an outcome, not an error.
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
            Map.entry("#rescues", RESCUES),
            Map.entry("#enqueuedFor", ENQUEUED_FOR),
            Map.entry("#rescuedAt", RESCUED_AT),
            Map.entry("#replayedAfter", REPLAYED_AFTER),
            Map.entry("#ownedBy", OWNED_BY),
            Map.entry("#createdAt", CREATED_AT));

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
        try {
            var updated = dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(key(id))
                    .updateExpression(update)
                    .conditionExpression(fullCondition)
                    .expressionAttributeNames(namesUsedIn(update + " " + fullCondition))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .build());
            return Optional.of(fromItem(updated.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
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
