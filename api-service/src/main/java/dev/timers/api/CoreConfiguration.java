package dev.timers.api;

import dev.timers.core.TimersCoreConfiguration;
import dev.timers.core.TimersProperties;
import dev.timers.core.store.IdempotencyKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store, broker and clock shared with the consumer, and the store's part that only the API uses. Imported
 * here rather than on {@link ApiApplication} so that web slice tests, which load the application class but no
 * configuration classes, start without them.
 */
@Configuration(proxyBeanMethods = false)
@Import(TimersCoreConfiguration.class)
class CoreConfiguration {

    @Bean
    IdempotencyKeys idempotencyKeys(DynamoDbClient dynamo, TimersProperties timers, ApiProperties api) {
        return new IdempotencyKeys(dynamo, timers.table(), api.limits().idempotencyKeyLifetime());
    }
}
