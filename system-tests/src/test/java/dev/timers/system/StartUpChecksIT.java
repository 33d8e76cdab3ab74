package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timers.api.ApiApplication;
import dev.timers.consumer.ConsumerApplication;
import dev.timers.core.testing.TestInfrastructure;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A service that cannot work as configured refuses to start, and its message names the fix. */
class StartUpChecksIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Test
    void thePluginModeOnABrokerWithoutThePluginStopsStartUp() {
        assertThatThrownBy(() -> start(ApiApplication.class, Map.of("timers.delay.mode", "plugin")))
                .rootCause()
                .hasMessageContaining("timers.delay.mode=plugin")
                .hasMessageContaining("rabbitmq_delayed_message_exchange");
    }

    @Test
    void aMissingTableStopsStartUpAndNamesTheScriptThatCreatesIt() {
        // The check's own exception carries the store's as its cause, so look along the chain.
        assertThatThrownBy(() -> start(ConsumerApplication.class, Map.of("timers.table", "no-such-table")))
                .hasStackTraceContaining("DynamoDB table 'no-such-table' does not exist")
                .hasStackTraceContaining("create-timers-table.sh");
    }

    private static void start(Class<?> application, Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(infrastructure.properties());
        properties.putAll(overrides);
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        String[] arguments = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        new SpringApplicationBuilder(application).run(arguments).close();
    }
}
