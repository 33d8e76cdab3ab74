package dev.timers.core.store;

import static dev.timers.core.store.TimerItems.s;
import static dev.timers.core.store.TimerTable.PENDING_INDEX;
import static dev.timers.core.store.TimerTable.PENDING_OWNER;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The sparse {@code pending} index: an owner's timers that still have to fire. It is eventually consistent, so
 * a count may miss a timer created a moment ago or still hold one that has just become final.
 */
public class PendingTimers {

    private final DynamoDbClient dynamo;
    private final String table;

    public PendingTimers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * How many timers of {@code owner} are pending, counting no further than {@code atMost}: a paginated COUNT
     * over the index that stops once it has seen {@code atMost}, so an owner at its cap costs one cap's worth of
     * keys to read, not all of its timers.
     */
    public long countUpTo(String owner, long atMost) {
        long counted = 0;
        Map<String, AttributeValue> start = null;
        do {
            long remaining = atMost - counted;
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .indexName(PENDING_INDEX)
                    .keyConditionExpression("#pendingOwner = :owner")
                    .expressionAttributeNames(Map.of("#pendingOwner", PENDING_OWNER))
                    .expressionAttributeValues(Map.of(":owner", s(owner)))
                    .select(Select.COUNT)
                    .limit((int) Math.min(remaining, Integer.MAX_VALUE))
                    .exclusiveStartKey(start)
                    .build());
            counted += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && counted < atMost);
        return counted;
    }
}
