package dev.timers.core.store;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Checks at start-up that the timers table exists with the key and index this code relies on, so a
 * misconfigured deployment stops at once with the fix in the message instead of failing on the first timer. Time
 * to live is checked too, but only warned about: without it, finished timers are kept, not lost.
 */
public class TimerTableVerifier {

    private static final Logger log = LoggerFactory.getLogger(TimerTableVerifier.class);

    static final String FIX = "create it with localstack-init/ready.d/create-timers-table.sh"
            + " (TIMERS_TABLE=<name> TIMERS_DYNAMODB_ENDPOINT=<url or empty for AWS>)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String where;

    public TimerTableVerifier(DynamoDbClient dynamo, String table, String where) {
        this.dynamo = dynamo;
        this.table = table;
        this.where = where;
    }

    /** Returns normally when the table is usable; otherwise says what is wrong and how to fix it. */
    public void verify() {
        TableDescription description;
        try {
            description = dynamo.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            throw new IllegalStateException(
                    "DynamoDB table '" + table + "' does not exist at " + where + ": " + FIX, e);
        } catch (SdkClientException e) {
            throw new IllegalStateException(
                    "Cannot reach DynamoDB at " + where + " (" + e.getMessage() + "): start it or set"
                            + " TIMERS_DYNAMODB_ENDPOINT",
                    e);
        }
        requireKey(description);
        requireDueIndex(description);
        requirePendingIndex(description);
        requireOwnerIndex(description);
        requireRequiredIndex(description, RequiredIndex.UNPUBLISHED);
        checkTimeToLive();
    }

    /**
     * Says whether DynamoDB's time to live removes finished timers: a warning with the command that turns it on
     * when it does not, never a failure (see {@link TimeToLiveCheck}).
     */
    TimeToLiveCheck.Result checkTimeToLive() {
        return TimeToLiveCheck.check(dynamo, table, where);
    }

    private void requireKey(TableDescription description) {
        var key = description.keySchema();
        if (key.size() != 1 || !isHashKey(key.getFirst(), TimerTable.ID)) {
            throw wrongShape("its key must be the hash key '" + TimerTable.ID + "' alone, not " + key);
        }
    }

    private void requireDueIndex(TableDescription description) {
        boolean present = description.globalSecondaryIndexes().stream()
                .filter(index -> index.indexName().equals(TimerTable.DUE_INDEX))
                .anyMatch(RequiredIndex.DUE::matches);
        if (!present) {
            throw wrongShape("it lacks the index '" + TimerTable.DUE_INDEX + "' (hash " + TimerTable.DUE_SHARD
                    + ", range " + TimerTable.FIRE_AT + ", all attributes projected)");
        }
    }

    /**
     * The index came after the table did: a table made before it is told how to add it in place, which keeps
     * every timer. Any projection will do, since the index is only counted.
     */
    private void requirePendingIndex(TableDescription description) {
        requireRequiredIndex(description, RequiredIndex.PENDING);
    }

    /**
     * Came after the table did too; it lists timers, so it needs what a list shows. A table made when the index
     * projected every attribute still works (a list reads only what it shows); it is told how to stop copying
     * every body into the index on every write.
     */
    private void requireOwnerIndex(TableDescription description) {
        requireRequiredIndex(description, RequiredIndex.OWNER);
        description.globalSecondaryIndexes().stream()
                .filter(index -> index.indexName().equals(TimerTable.OWNER_INDEX))
                .filter(RequiredIndex.OWNER::projectsMoreThanNeeded)
                .findFirst()
                .ifPresent(index -> log.warn(
                        "DynamoDB table '{}' at {}: the index '{}' projects all attributes, so every write of a timer"
                                + " also writes its body and headers to it; lists work as they are. To write less,"
                                + " delete the index, wait until it is gone and add it again with: {}"
                                + " (lists fail until it is ACTIVE again)",
                        table,
                        where,
                        TimerTable.OWNER_INDEX,
                        RequiredIndex.OWNER.addCommand(table)));
    }

    private void requireRequiredIndex(TableDescription description, RequiredIndex wanted) {
        boolean present = description.globalSecondaryIndexes().stream()
                .filter(index -> index.indexName().equals(wanted.name()))
                .anyMatch(wanted::matches);
        if (!present) {
            throw new IllegalStateException("DynamoDB table '" + table + "' at " + where + " lacks the index '"
                    + wanted.name() + "' (" + wanted.shape() + ") that " + wanted.purpose()
                    + "; add it without losing any timer with: "
                    + wanted.addCommand(table)
                    + " (add --endpoint-url <url> for an emulator; on a table with provisioned capacity, give the"
                    + " index a ProvisionedThroughput too), then start again once"
                    + " 'aws dynamodb describe-table --table-name " + table + "' shows the index ACTIVE");
        }
    }

    private static boolean isHashKey(KeySchemaElement element, String attribute) {
        return element.keyType() == KeyType.HASH && Objects.equals(element.attributeName(), attribute);
    }

    private IllegalStateException wrongShape(String what) {
        return new IllegalStateException("DynamoDB table '" + table + "' at " + where + " has the wrong shape: " + what
                + "; delete it and " + FIX);
    }
}
