package dev.timers.api;

import dev.timers.core.TimersCoreConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The HTTP API: clients create, read and cancel timers here. Stateless; run as many as needed. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TimersCoreConfiguration.class)
public class ApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApiApplication.class, args);
    }
}
