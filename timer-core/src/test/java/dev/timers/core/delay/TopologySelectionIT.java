package dev.timers.core.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timers.core.TimersProperties;
import dev.timers.core.testing.TestInfrastructure;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * Choosing the topology against the broker here, which is RabbitMQ without the delayed-message plugin. The
 * plugin's own delivery path needs a broker with the plugin (the compose stack's) and is not faked here.
 */
class TopologySelectionIT {

    private static final TopologyNames names = new TopologyNames("test.selection");
    private static final CachingConnectionFactory connectionFactory = TestInfrastructure.rabbitConnectionFactory();
    private static final DelayedExchangeProbe probe =
            new DelayedExchangeProbe(connectionFactory.getRabbitConnectionFactory());

    @AfterAll
    static void close() {
        connectionFactory.destroy();
    }

    @Test
    void theProbeFindsThatThisBrokerHasNoPlugin() {
        assertThat(probe.pluginAvailable()).contains(false);
    }

    @Test
    void theProbeLeavesTheServicesConnectionAlone() {
        var connection = connectionFactory.createConnection();

        probe.pluginAvailable();

        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void autoPicksTheLadderOnABrokerWithoutThePlugin() {
        assertThat(TopologySelection.select(settings(DelayMode.AUTO), names, probe::pluginAvailable))
                .isInstanceOf(LadderTopology.class);
    }

    @Test
    void pluginForcedOnABrokerWithoutItRefusesToStartAndSaysWhy() {
        assertThatThrownBy(() -> TopologySelection.select(settings(DelayMode.PLUGIN), names, probe::pluginAvailable))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rabbitmq_delayed_message_exchange")
                .hasMessageContaining("ladder or auto");
    }

    @Test
    void autoPicksTheLadderWhenTheBrokerCannotBeAskedAndThePluginWhereItExists() {
        assertThat(TopologySelection.select(settings(DelayMode.AUTO), names, Optional::empty))
                .isInstanceOf(LadderTopology.class);
        assertThat(TopologySelection.select(settings(DelayMode.AUTO), names, () -> Optional.of(true)))
                .isInstanceOf(PluginTopology.class);
    }

    private static TimersProperties.Delay settings(DelayMode mode) {
        return new TimersProperties.Delay(mode, names.prefix(), 16, 5, names.queues(), Duration.ZERO);
    }
}
