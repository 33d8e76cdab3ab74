package dev.timers.consumer;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The consumer's background sweeps (feeder, rescuer) and how its listener takes messages. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ConsumerConfiguration {

    /**
     * One listener thread suffices: it only hands each message to a virtual thread. The prefetch is what
     * bounds the timers in flight, since a message stays unacknowledged until its outcome is recorded.
     */
    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> inFlightLimit(ConsumerProperties properties) {
        return container -> {
            container.setConcurrentConsumers(1);
            container.setMaxConcurrentConsumers(1);
            container.setPrefetchCount(properties.delivery().maxInFlight());
        };
    }
}
