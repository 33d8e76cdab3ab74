package dev.timers.consumer;

import java.time.Duration;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The consumer's background sweeps (feeder, rescuer) and how its listener shuts down. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ConsumerConfiguration {

    /**
     * On shutdown the listener stops taking messages and gives calls in flight this long to finish; messages
     * not yet acknowledged go back to the queue for another consumer. It exceeds connect plus response
     * timeout, and stays under the 30 s that orchestrators usually grant before they kill.
     */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(22);

    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> gracefulListenerShutdown() {
        return container -> container.setShutdownTimeout(SHUTDOWN_TIMEOUT.toMillis());
    }
}
