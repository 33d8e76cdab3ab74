package dev.timers.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timers.core.testing.TestInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The start-up check of the table, and the operators' script that creates it: what the script creates is
 * what the services accept, and the script can run any number of times.
 */
class TimerTableVerifierIT {

    private static final Path SCRIPT = Path.of("../localstack-init/ready.d/create-timers-table.sh");
    private static final DynamoDbClient dynamo = TestInfrastructure.dynamoClient();

    @AfterAll
    static void close() {
        dynamo.close();
    }

    @Test
    void aMissingTableStopsStartUpAndSaysHowToCreateIt() {
        var verifier = new TimerTableVerifier(dynamo, "no-such-table-" + UUID.randomUUID(), "dynalite");

        assertThatThrownBy(verifier::verify)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("create-timers-table.sh");
    }

    @Test
    void theTableTheScriptCreatesPassesTheCheckAndASecondRunChangesNothing() throws Exception {
        String table = "timers-script-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            assertThat(runScript(table)).contains("created");
            assertThatNoException().isThrownBy(() -> new TimerTableVerifier(dynamo, table, "dynalite").verify());
            var ownerIndex = dynamo.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
                    .filter(index -> index.indexName().equals(TimerTable.OWNER_INDEX))
                    .findFirst()
                    .orElseThrow();
            assertThat(ownerIndex.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
            assertThat(ownerIndex.projection().nonKeyAttributes())
                    .containsExactlyInAnyOrderElementsOf(TimerTable.SUMMARY_ATTRIBUTES);
            assertThat(runScript(table)).contains("exists");
        } finally {
            dynamo.deleteTable(b -> b.tableName(table));
        }
    }

    @Test
    void aTableWithoutTheDueIndexIsRefused() {
        String table = "timers-bare-" + UUID.randomUUID().toString().substring(0, 8);
        dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(TimerTable.ID)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName(TimerTable.ID)
                        .keyType(KeyType.HASH)
                        .build()));
        try {
            assertThatThrownBy(() -> new TimerTableVerifier(dynamo, table, "dynalite").verify())
                    .hasMessageContaining("wrong shape")
                    .hasMessageContaining("due");
        } finally {
            dynamo.deleteTable(b -> b.tableName(table));
        }
    }

    @Test
    void aTableMadeBeforeThePendingIndexIsRefusedWithTheCommandThatAddsIt() {
        String table = "timers-old-" + UUID.randomUUID().toString().substring(0, 8);
        dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(TimerTable.ID, ScalarAttributeType.S),
                        attribute(TimerTable.DUE_SHARD, ScalarAttributeType.S),
                        attribute(TimerTable.FIRE_AT, ScalarAttributeType.N))
                .keySchema(key(TimerTable.ID, KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(TimerTable.DUE_INDEX)
                        .keySchema(key(TimerTable.DUE_SHARD, KeyType.HASH), key(TimerTable.FIRE_AT, KeyType.RANGE))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.ALL)
                                .build())
                        .build()));
        try {
            assertThatThrownBy(() -> new TimerTableVerifier(dynamo, table, "dynalite").verify())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lacks the index 'pending'")
                    .hasMessageContaining("aws dynamodb update-table --table-name " + table)
                    .hasMessageContaining("--attribute-definitions AttributeName=pendingOwner,AttributeType=S")
                    .hasMessageContaining("--global-secondary-index-updates '[{\"Create\":{\"IndexName\":\"pending\"")
                    .hasMessageContaining("\"ProjectionType\":\"KEYS_ONLY\"")
                    .hasMessageNotContaining("delete it");
        } finally {
            dynamo.deleteTable(b -> b.tableName(table));
        }
    }

    @Test
    void aTableMadeBeforeTheOwnerIndexIsRefusedWithTheCommandThatAddsIt() {
        String table = "timers-nolist-" + UUID.randomUUID().toString().substring(0, 8);
        dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(TimerTable.ID, ScalarAttributeType.S),
                        attribute(TimerTable.DUE_SHARD, ScalarAttributeType.S),
                        attribute(TimerTable.FIRE_AT, ScalarAttributeType.N),
                        attribute(TimerTable.PENDING_OWNER, ScalarAttributeType.S))
                .keySchema(key(TimerTable.ID, KeyType.HASH))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder()
                                .indexName(TimerTable.DUE_INDEX)
                                .keySchema(
                                        key(TimerTable.DUE_SHARD, KeyType.HASH), key(TimerTable.FIRE_AT, KeyType.RANGE))
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.ALL)
                                        .build())
                                .build(),
                        GlobalSecondaryIndex.builder()
                                .indexName(TimerTable.PENDING_INDEX)
                                .keySchema(key(TimerTable.PENDING_OWNER, KeyType.HASH))
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.KEYS_ONLY)
                                        .build())
                                .build()));
        try {
            assertThatThrownBy(() -> new TimerTableVerifier(dynamo, table, "dynalite").verify())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lacks the index 'owner'")
                    .hasMessageContaining("--attribute-definitions AttributeName=ownedBy,AttributeType=S"
                            + " AttributeName=createdAt,AttributeType=N")
                    .hasMessageContaining("{\"AttributeName\":\"createdAt\",\"KeyType\":\"RANGE\"}")
                    .hasMessageContaining("\"ProjectionType\":\"INCLUDE\",\"NonKeyAttributes\":[\"status\",");
        } finally {
            dynamo.deleteTable(b -> b.tableName(table));
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    @Test
    void anOwnerIndexProjectingEverythingIsAcceptedAndOneProjectingKeysOnlyIsRefused() {
        String all = "timers-all-" + UUID.randomUUID().toString().substring(0, 8);
        String keys = "timers-keys-" + UUID.randomUUID().toString().substring(0, 8);
        try (var infrastructure = TestInfrastructure.isolated()) {
            infrastructure.createTable(
                    all, Projection.builder().projectionType(ProjectionType.ALL).build());
            infrastructure.createTable(
                    keys,
                    Projection.builder()
                            .projectionType(ProjectionType.KEYS_ONLY)
                            .build());

            assertThatNoException().isThrownBy(() -> new TimerTableVerifier(dynamo, all, "dynalite").verify());
            assertThatThrownBy(() -> new TimerTableVerifier(dynamo, keys, "dynalite").verify())
                    .hasMessageContaining("lacks the index 'owner'")
                    .hasMessageContaining("projecting status, fireAt, url");
        } finally {
            dynamo.deleteTable(b -> b.tableName(all));
            dynamo.deleteTable(b -> b.tableName(keys));
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static String runScript(String table) throws IOException, InterruptedException {
        var builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("TIMERS_TABLE", table);
        builder.environment()
                .put(
                        "TIMERS_DYNAMODB_ENDPOINT",
                        TestInfrastructure.dynamoEndpoint().toString());
        builder.environment().putIfAbsent("AWS_ACCESS_KEY_ID", "test");
        builder.environment().putIfAbsent("AWS_SECRET_ACCESS_KEY", "test");
        var process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
