package dev.timers.core.testing;

import dev.timers.core.store.TimerTable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The real broker and store the tests run against, and one isolated corner of them per test class: its own
 * table and its own exchange and queue prefix, removed by {@link #close()}.
 *
 * <p>{@link TestBackends} says where the broker and the store are: {@code ./test.sh}'s dynalite and this
 * machine's RabbitMQ, or containers the tests start themselves.
 */
public final class TestInfrastructure implements AutoCloseable {

    /** Every test receiver is on loopback, which the production default refuses to call. */
    private static final String ALLOW_PRIVATE_TARGETS = "timers.targets.allow-private";

    /** The key the owners' signing secrets are sealed under in tests (base64 of 32 bytes); never a real one. */
    public static final String SECRETS_ENCRYPTION_KEY = "dGVzdC1vbmx5LXNpZ25pbmctc2VjcmV0cy1rZXktMzI=";

    private final String table;
    private final String prefix;
    private final URI endpoint;
    private final DynamoDbClient dynamo;

    private TestInfrastructure(String name, URI endpoint) {
        this.table = "timers-" + name;
        this.prefix = "test." + name;
        this.endpoint = endpoint;
        this.dynamo = dynamoClient(endpoint);
    }

    /** A fresh table and topology prefix for one test class. The table exists when this returns. */
    public static TestInfrastructure isolated() {
        return isolatedOn(dynamoEndpoint());
    }

    /** The same on a DynamoDB of the test's own, such as a {@link DynaliteProcess}. */
    public static TestInfrastructure isolatedOn(URI endpoint) {
        var infrastructure = new TestInfrastructure(UUID.randomUUID().toString().substring(0, 8), endpoint);
        infrastructure.createTable(infrastructure.table);
        return infrastructure;
    }

    public String table() {
        return table;
    }

    public String prefix() {
        return prefix;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /**
     * Spring properties that point a service at this corner of the broker and store. Private targets are
     * allowed because every test receiver listens on loopback; tests of the target guard turn that off again.
     *
     * <p>The ladder is on classic queues here. A test class's Spring context outlives the class and declares its
     * topology again whenever its listener restarts, also after the class removed it, so its queues linger until
     * the run ends. Each quorum queue keeps log files open, and some hundreds of them exhaust the file handles of
     * a single test broker (1,024 by default), which then stops taking connections. Quorum queues are tested where
     * a test owns the services' lifetime: {@code QuorumLadderIT}, and every system test.
     */
    public Map<String, String> properties() {
        return Map.of(
                "timers.delay.queues",
                "classic",
                "timers.table",
                table,
                "timers.dynamodb.endpoint",
                endpoint.toString(),
                "timers.delay.prefix",
                prefix,
                "spring.rabbitmq.host",
                rabbitHost(),
                "spring.rabbitmq.port",
                Integer.toString(rabbitPort()),
                "spring.rabbitmq.username",
                TestBackends.rabbitUsername(),
                "spring.rabbitmq.password",
                TestBackends.rabbitPassword(),
                ALLOW_PRIVATE_TARGETS,
                "true",
                "timers.secrets.encryption-key",
                SECRETS_ENCRYPTION_KEY);
    }

    public void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The same, but with the production rule for targets: only publicly routable addresses may be called. */
    public void registerWithPublicTargetsOnly(DynamicPropertyRegistry registry) {
        properties().entrySet().stream()
                .filter(property -> !property.getKey().equals(ALLOW_PRIVATE_TARGETS))
                .forEach(property -> registry.add(property.getKey(), property::getValue));
    }

    /** A connection factory for tests that talk to the broker directly; the caller closes it. */
    public static CachingConnectionFactory rabbitConnectionFactory() {
        var factory = new CachingConnectionFactory(rabbitHost(), rabbitPort());
        factory.setUsername(TestBackends.rabbitUsername());
        factory.setPassword(TestBackends.rabbitPassword());
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        return factory;
    }

    /** How many items the table holds. */
    public int itemCount() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).count();
    }

    /** How many messages are on their way in this corner's broker: in the ladder or the due queue. */
    public long messagesInBroker() {
        return TopologyCleaner.messageCount(prefix);
    }

    /** Creates a table shaped like the production one: hash key id and its indexes. */
    public void createTable(String name) {
        createTable(
                name,
                Projection.builder()
                        .projectionType(ProjectionType.INCLUDE)
                        .nonKeyAttributes(TimerTable.SUMMARY_ATTRIBUTES)
                        .build());
    }

    /** Creates a table shaped like the production one, but with the owner index projecting {@code ownerIndex}. */
    public void createTable(String name, Projection ownerIndex) {
        dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(TimerTable.ID, ScalarAttributeType.S),
                        attribute(TimerTable.DUE_SHARD, ScalarAttributeType.S),
                        attribute(TimerTable.FIRE_AT, ScalarAttributeType.N),
                        attribute(TimerTable.PENDING_OWNER, ScalarAttributeType.S),
                        attribute(TimerTable.OWNED_BY, ScalarAttributeType.S),
                        attribute(TimerTable.CREATED_AT, ScalarAttributeType.N),
                        attribute(TimerTable.PUBLISH_SHARD, ScalarAttributeType.S))
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
                                .build(),
                        GlobalSecondaryIndex.builder()
                                .indexName(TimerTable.UNPUBLISHED_INDEX)
                                .keySchema(
                                        key(TimerTable.PUBLISH_SHARD, KeyType.HASH),
                                        key(TimerTable.FIRE_AT, KeyType.RANGE))
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.KEYS_ONLY)
                                        .build())
                                .build(),
                        GlobalSecondaryIndex.builder()
                                .indexName(TimerTable.OWNER_INDEX)
                                .keySchema(
                                        key(TimerTable.OWNED_BY, KeyType.HASH),
                                        key(TimerTable.CREATED_AT, KeyType.RANGE))
                                .projection(ownerIndex)
                                .build()));
        // The SDK's own waiter looks again only after 20 s; dynalite makes a table ACTIVE within milliseconds.
        try (var waiter = DynamoDbWaiter.builder()
                .client(dynamo)
                .overrideConfiguration(w -> w.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50)))
                        .maxAttempts(600))
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(name));
        }
    }

    @Override
    public void close() {
        try {
            deleteTable();
        } finally {
            TopologyCleaner.deleteAll(prefix);
        }
    }

    /**
     * Removes the table only: for a test whose topology lives on a broker of its own, which goes with it (the
     * shared broker, which {@link #close()} cleans, may be down or restarting meanwhile).
     */
    public void deleteTable() {
        try {
            dynamo.deleteTable(b -> b.tableName(table));
        } catch (RuntimeException e) {
            // The store may be the test's own and already stopped; the table goes with it.
        } finally {
            dynamo.close();
        }
    }

    /** Another client of this table's store, with {@code interceptor} watching its calls. */
    public DynamoDbClient dynamoWatchedBy(ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor))
                .build();
    }

    public static URI dynamoEndpoint() {
        return TestBackends.dynamoEndpoint();
    }

    public static DynamoDbClient dynamoClient() {
        return dynamoClient(dynamoEndpoint());
    }

    private static DynamoDbClient dynamoClient(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    public static String rabbitHost() {
        return TestBackends.rabbitHost();
    }

    public static int rabbitPort() {
        return TestBackends.rabbitPort();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
