package dev.timers.core.delay;

import dev.timers.core.TimersProperties;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the delayed-exchange topology for {@code timers.delay.mode}, and says which and why. */
final class TopologySelection {

    private static final Logger log = LoggerFactory.getLogger(TopologySelection.class);

    private TopologySelection() {}

    static DelayTopology select(
            TimersProperties.Delay settings, TopologyNames names, Supplier<Optional<Boolean>> pluginAvailable) {
        var ladder = new LadderTopology(names, settings.base(), settings.levels(), settings.early());
        var plugin = new PluginTopology(names);
        return switch (settings.mode()) {
            case LADDER -> {
                log.info("Delayed exchange: ladder (timers.delay.mode=ladder)");
                yield ladder;
            }
            case PLUGIN -> {
                if (pluginAvailable.get().equals(Optional.of(false))) {
                    throw new IllegalStateException("timers.delay.mode=plugin, but the broker has no exchange type "
                            + PluginTopology.EXCHANGE_TYPE + ": enable the rabbitmq_delayed_message_exchange plugin,"
                            + " or set timers.delay.mode to ladder or auto");
                }
                log.info("Delayed exchange: plugin (timers.delay.mode=plugin)");
                yield plugin;
            }
            case AUTO -> {
                Optional<Boolean> available = pluginAvailable.get();
                if (available.orElse(false)) {
                    log.info("Delayed exchange: plugin (timers.delay.mode=auto: the broker has the plugin)");
                    yield plugin;
                }
                log.info(
                        "Delayed exchange: ladder (timers.delay.mode=auto: {})",
                        available.isPresent()
                                ? "the broker has no delayed-message plugin"
                                : "the broker could not be asked");
                yield ladder;
            }
        };
    }
}
