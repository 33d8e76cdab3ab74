package dev.timers.core.delay;

import dev.timers.core.TimersProperties;
import dev.timers.core.store.DueTimers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delayed exchange: its topology (declared by Spring's RabbitAdmin whenever a connection opens, so a
 * broker that restarts empty gets it back), the JSON message format, and the confirming publisher.
 */
@Configuration(proxyBeanMethods = false)
public class DelayConfiguration {

    @Bean
    TopologyNames topologyNames(TimersProperties properties) {
        return new TopologyNames(properties.delay().prefix(), properties.delay().queues());
    }

    /**
     * Topologies differ only in how a message waits; all end in the same due queue, so instances that chose
     * differently (one started while the broker could not be asked) still work together.
     */
    @Bean
    DelayTopology delayTopology(TimersProperties properties, TopologyNames names, ConnectionFactory connectionFactory) {
        var probe =
                new DelayedExchangeProbe(((CachingConnectionFactory) connectionFactory).getRabbitConnectionFactory());
        DelayTopology topology = TopologySelection.select(properties.delay(), names, probe::pluginAvailable);
        if (topology.maxDelay().compareTo(properties.horizon()) < 0) {
            throw new IllegalStateException("The delayed exchange carries at most " + topology.maxDelay()
                    + " but timers.horizon is " + properties.horizon()
                    + ": raise timers.delay.levels or timers.delay.base, or lower the horizon");
        }
        return topology;
    }

    @Bean
    Declarables delayDeclarables(DelayTopology topology) {
        return topology.declarables();
    }

    @Bean
    WakeUps wakeUps(DelayedPublisher publisher, DueTimers dueTimers, Clock clock, TimersProperties properties) {
        return new WakeUps(publisher, dueTimers, clock, properties.horizon());
    }

    @Bean
    DueQueueDepth dueQueueDepth(RabbitTemplate rabbitTemplate, TopologyNames names) {
        return new DueQueueDepth(rabbitTemplate, names);
    }

    @Bean
    TopologyWarmUp topologyWarmUp(ConnectionFactory connectionFactory) {
        return new TopologyWarmUp(connectionFactory);
    }

    @Bean
    MessageConverter timerMessageConverter() {
        return new DueTimerMessageConverter();
    }

    @Bean
    DelayedPublisher delayedPublisher(
            RabbitTemplate rabbitTemplate,
            DelayTopology topology,
            Clock clock,
            TimersProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        return new DelayedPublisher(
                rabbitTemplate,
                topology,
                clock,
                properties.publishConfirmTimeout(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
