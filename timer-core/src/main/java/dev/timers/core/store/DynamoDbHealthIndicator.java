package dev.timers.core.store;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Up while the timers table answers DescribeTable; the services are not ready without their store. */
public class DynamoDbHealthIndicator extends AbstractHealthIndicator {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbHealthIndicator(DynamoDbClient dynamo, String table) {
        super("DynamoDB health check failed");
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var status = dynamo.describeTable(b -> b.tableName(table)).table().tableStatusAsString();
        builder.up().withDetail("table", table).withDetail("tableStatus", status);
    }
}
