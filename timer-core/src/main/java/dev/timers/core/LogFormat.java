package dev.timers.core;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT=json} switches both services to one JSON object per log line (Elastic Common Schema, with
 * the MDC's {@code timerId}), for log shippers; anything else keeps Spring's human-readable lines. An explicit
 * {@code logging.structured.format.console} still wins.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("json".equalsIgnoreCase(environment.getProperty("LOG_FORMAT", ""))
                && !environment.containsProperty(STRUCTURED_CONSOLE)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource("timersLogFormat", Map.of(STRUCTURED_CONSOLE, "ecs")));
        }
    }
}
