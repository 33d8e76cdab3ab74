package dev.timers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The shared settings as Spring binds them. */
class TimersPropertiesTest {

    @Test
    void finishedTimersAreKeptThirtyDaysUnlessToldOtherwise() {
        assertThat(bind(Map.of("timers.table", "timers")).retention()).isEqualTo(Duration.ofDays(30));
        assertThat(bind(Map.of("timers.retention", "7d")).retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aRetentionThatIsNotPositiveStopsStartUp() {
        for (String retention : new String[] {"0s", "-1d"}) {
            assertThatThrownBy(() -> bind(Map.of("timers.retention", retention)))
                    .as(retention)
                    .isInstanceOf(BindException.class)
                    .rootCause()
                    .hasMessageContaining("timers.retention must be positive");
        }
    }

    @Test
    void targetsReserveTheLocalStacksPortsAndWaitThreeSecondsForALookupUnlessToldOtherwise() {
        var defaults = bind(Map.of("timers.table", "timers")).targets();
        assertThat(defaults.reservedPorts()).containsExactly(4566, 5672, 8000, 8080, 8081, 9080, 9081, 15672);
        assertThat(defaults.resolveTimeout()).isEqualTo(Duration.ofSeconds(3));

        // As TIMERS_TARGETS_RESERVED_PORTS gives them: one comma-separated value.
        var set = bind(Map.of("timers.targets.reserved-ports", "8090, 9090", "timers.targets.resolve-timeout", "500ms"))
                .targets();
        assertThat(set.reservedPorts()).containsExactly(8090, 9090);
        assertThat(set.resolveTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    private static TimersProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("timers", TimersProperties.class)
                .get();
    }
}
