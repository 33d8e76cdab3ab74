package dev.timers.core.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.core.TimersProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The ports a service reserves from its own configuration. */
class OwnPortsTest {

    @Test
    void theServersPortsAndABrokerAndStoreOnThisMachine() {
        var environment = environmentWith(Map.of(
                "server.port", "8090",
                "management.server.port", "9090",
                "spring.rabbitmq.host", "127.0.0.1",
                "spring.rabbitmq.port", "5673",
                "timers.dynamodb.endpoint", "http://localhost:8001"));

        assertThat(OwnPorts.of(environment, properties(environment))).containsExactly(5673, 8001, 8090, 9090);
    }

    @Test
    void aBrokerOrStoreElsewhereReservesNothing() {
        var environment = environmentWith(Map.of(
                "server.port", "0",
                "spring.rabbitmq.host", "rabbitmq",
                "spring.rabbitmq.port", "5672",
                "timers.dynamodb.endpoint", "http://localstack:4566"));

        assertThat(OwnPorts.of(environment, properties(environment))).isEmpty();
    }

    @Test
    void theBrokersDefaultIsLocalhostAndItsAddressesAreReadToo() {
        var byDefault = environmentWith(Map.of("timers.table", "timers"));
        assertThat(OwnPorts.of(byDefault, properties(byDefault))).containsExactly(5672);

        var addresses = environmentWith(Map.of(
                "spring.rabbitmq.addresses",
                "amqp://guest:guest@[::1]:5674/vhost, rabbit-2:5675, localhost, amqps://0.0.0.0"));
        assertThat(OwnPorts.of(addresses, properties(addresses))).containsExactly(5671, 5672, 5674);
    }

    private static StandardEnvironment environmentWith(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        // Only what the test says: not this machine's SPRING_RABBITMQ_* and the like.
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private static TimersProperties properties(StandardEnvironment environment) {
        return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("timers", TimersProperties.class);
    }
}
