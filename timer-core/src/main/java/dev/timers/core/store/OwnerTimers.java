package dev.timers.core.store;

import static dev.timers.core.store.TimerItems.*;
import static dev.timers.core.store.TimerTable.*;

import dev.timers.core.timer.TimerStatus;
import dev.timers.core.timer.TimerSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The {@code owner} index: every timer of one owner, newest first. A page is one Query (no Scan): the owner is
 * the index's hash key and the creation time its range key, read backwards from where the last page ended.
 *
 * <p>A status filter is applied by the store after reading, so a page with a filter may read more items than it
 * returns; it reads at most {@code maxRead} and then ends early, with a position to go on from. The index is
 * eventually consistent: a timer created a moment ago may not be listed yet, and a listed status may be a moment
 * old.
 *
 * <p>It reads only what a list shows ({@link TimerTable#SUMMARY_ATTRIBUTES}), also from an index that projects
 * more, so a page's size never depends on the timers' bodies or headers.
 */
public class OwnerTimers {

    /** A placeholder for each attribute read (several are reserved words), keys included. */
    private static final Map<String, String> PROJECTED_NAMES = projectedNames();

    private final DynamoDbClient dynamo;
    private final String table;

    public OwnerTimers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * @param owner whose timers
     * @param status only timers in this status, or all when empty
     * @param limit at most this many timers
     * @param after where to start: after this position, or at the newest when empty
     * @param maxRead at most this many items read from the index for this page
     */
    public TimerPage page(
            String owner, Optional<TimerStatus> status, int limit, Optional<TimerPage.After> after, int maxRead) {
        List<TimerSummary> timers = new ArrayList<>();
        Map<String, AttributeValue> start =
                after.map(position -> startKey(owner, position)).orElse(null);
        int read = 0;
        while (timers.size() < limit && read < maxRead) {
            // Without a filter every item read is returned, so read no more than the page needs.
            int toRead = status.isEmpty() ? limit - timers.size() : maxRead - read;
            QueryResponse response = dynamo.query(request(owner, status, toRead, start));
            read += response.scannedCount();
            for (Map<String, AttributeValue> item : response.items()) {
                if (timers.size() == limit) {
                    // The page is full in the middle of what was read: go on after the last timer kept.
                    TimerSummary last = timers.getLast();
                    return new TimerPage(timers, Optional.of(new TimerPage.After(last.createdAt(), last.id())));
                }
                timers.add(summaryFromItem(item));
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return new TimerPage(timers, Optional.empty());
            }
            start = response.lastEvaluatedKey();
        }
        return new TimerPage(timers, Optional.of(positionOf(start)));
    }

    private QueryRequest request(
            String owner, Optional<TimerStatus> status, int limit, Map<String, AttributeValue> start) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":owner", s(owner));
        status.ifPresent(wanted -> values.put(":status", TimerRepository.status(wanted)));
        String filter = status.isPresent() ? "#status = :status" : null;
        Map<String, String> names =
                new LinkedHashMap<>(ConditionalUpdate.namesUsedIn("#ownedBy " + (filter == null ? "" : filter)));
        names.putAll(PROJECTED_NAMES);
        return QueryRequest.builder()
                .tableName(table)
                .indexName(OWNER_INDEX)
                .keyConditionExpression("#ownedBy = :owner")
                .filterExpression(filter)
                .projectionExpression(String.join(", ", PROJECTED_NAMES.keySet()))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(start)
                .build();
    }

    private static Map<String, String> projectedNames() {
        List<String> read = new ArrayList<>(List.of(ID, OWNED_BY, CREATED_AT));
        read.addAll(SUMMARY_ATTRIBUTES);
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < read.size(); i++) {
            names.put("#read" + i, read.get(i));
        }
        return Map.copyOf(names);
    }

    private static Map<String, AttributeValue> startKey(String owner, TimerPage.After position) {
        return Map.of(
                ID, s(position.id().toString()),
                OWNED_BY, s(owner),
                CREATED_AT, n(position.createdAt()));
    }

    private static TimerPage.After positionOf(Map<String, AttributeValue> key) {
        return new TimerPage.After(
                instant(key, CREATED_AT), UUID.fromString(key.get(ID).s()));
    }
}
