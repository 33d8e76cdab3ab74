package dev.timers.core.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Exchange;

class PluginTopologyTest {

    private final PluginTopology plugin = new PluginTopology(new TopologyNames("t"));

    @Test
    void declaresOneDelayedMessageExchangeRoutingDirectlyToTheDueQueue() {
        var declarables = plugin.declarables();

        assertThat(declarables.getDeclarablesByType(Exchange.class)).anySatisfy(exchange -> {
            assertThat(exchange.getName()).isEqualTo("t.delayed");
            assertThat(exchange.getType()).isEqualTo("x-delayed-message");
            assertThat(exchange.getArguments()).containsEntry("x-delayed-type", "direct");
        });
        assertThat(declarables.getDeclarablesByType(Binding.class)).anySatisfy(binding -> {
            assertThat(binding.getExchange()).isEqualTo("t.delayed");
            assertThat(binding.getDestination()).isEqualTo("t.due");
        });
    }

    @Test
    void carriesTheDelayInTheXDelayHeaderRoundedUp() {
        var route = plugin.route(Duration.ofNanos(1_500_000_001));

        assertThat(route.exchange()).isEqualTo("t.delayed");
        assertThat(route.headers()).containsEntry("x-delay", 1501L);
        assertThat(route.routedWhenDue()).isTrue();
    }

    @Test
    void neverAsksForADelayNearThePluginsWrapAround() {
        assertThat(plugin.route(Duration.ofDays(100)).headers().get("x-delay"))
                .isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(plugin.maxDelay()).isLessThan(Duration.ofMillis(0xFFFFFFFFL));
    }
}
