package dev.timers.consumer;

import dev.timers.core.TimersCoreConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Fires due timers: reads the due queue, claims each timer in the store, calls its URL, records the outcome. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TimersCoreConfiguration.class)
public class ConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsumerApplication.class, args);
    }
}
