package dev.timers.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The consumer's background sweeps (feeder, rescuer) and how its listener takes messages. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ConsumerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsumerConfiguration.class);

    /**
     * One listener thread suffices: it only hands each message to a virtual thread. The prefetch is what
     * bounds the timers in flight, since a message stays unacknowledged until its outcome is recorded; it is
     * {@code max-in-flight}, or fewer if that many wake-ups would not fit in the byte budget.
     */
    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> inFlightLimit(ConsumerProperties properties) {
        var delivery = properties.delivery();
        int prefetch = delivery.prefetch();
        log.info(
                "Timers in flight: at most {} (the prefetch), holding at most {} together (max-in-flight-bytes{})",
                prefetch,
                megabytes(delivery.inFlightBytes()),
                delivery.maxInFlightBytes() == null
                        ? ": " + ConsumerProperties.Delivery.DEFAULT_HEAP_SHARE_PERCENT + "% of a "
                                + megabytes(Runtime.getRuntime().maxMemory()) + " heap"
                        : "");
        return container -> {
            container.setConcurrentConsumers(1);
            container.setMaxConcurrentConsumers(1);
            container.setPrefetchCount(prefetch);
        };
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
