package dev.timers.core.store;

import dev.timers.core.TimersProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The DynamoDB client (pooled Apache HTTP client), the repository, and the start-up check of the table. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /** Region used against a local emulator when none is configured; emulators accept any. */
    private static final Region LOCAL_REGION = Region.US_EAST_1;

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(TimersProperties properties, ObjectProvider<MeterRegistry> meters) {
        var dynamodb = properties.dynamodb();
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                // Bounded calls: a store that hangs answers the API's client with 503, not with a hang.
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10))
                        .apiCallAttemptTimeout(Duration.ofSeconds(4))
                        .addExecutionInterceptor(new StoreReadMeter(meters.getIfAvailable(SimpleMeterRegistry::new))))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10))
                        .maxConnections(64));
        if (dynamodb.endpoint() != null) {
            builder.endpointOverride(dynamodb.endpoint());
        }
        if (dynamodb.region() != null && !dynamodb.region().isBlank()) {
            builder.region(Region.of(dynamodb.region()));
        } else if (dynamodb.endpoint() != null) {
            builder.region(LOCAL_REGION);
        }
        return builder.build();
    }

    @Bean
    TimerRepository timerRepository(DynamoDbClient dynamo, TimersProperties properties, Clock clock) {
        return new TimerRepository(dynamo, properties.table(), clock, properties.retention());
    }

    @Bean
    DueTimers dueTimers(DynamoDbClient dynamo, TimersProperties properties) {
        return new DueTimers(dynamo, properties.table());
    }

    @Bean
    PendingTimers pendingTimers(DynamoDbClient dynamo, TimersProperties properties) {
        return new PendingTimers(dynamo, properties.table());
    }

    @Bean
    OwnerTimers ownerTimers(DynamoDbClient dynamo, TimersProperties properties) {
        return new OwnerTimers(dynamo, properties.table());
    }

    /** Named so that its health contributor is {@code dynamoDb}, next to Spring's {@code rabbit}. */
    @Bean
    DynamoDbHealthIndicator dynamoDbHealthIndicator(DynamoDbClient dynamo, TimersProperties properties) {
        return new DynamoDbHealthIndicator(dynamo, properties.table());
    }

    @Bean
    TimerTableVerifier timerTableVerifier(DynamoDbClient dynamo, TimersProperties properties) {
        var endpoint = properties.dynamodb().endpoint();
        var verifier = new TimerTableVerifier(
                dynamo, properties.table(), endpoint == null ? "AWS (default endpoint)" : endpoint.toString());
        verifier.verify();
        return verifier;
    }
}
