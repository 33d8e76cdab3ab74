package dev.timers.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogFormatTest {

    @Test
    void jsonSwitchesTheConsoleToStructuredEcs() {
        var environment = environmentWith(Map.of("LOG_FORMAT", "json"));

        new LogFormat().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(LogFormat.STRUCTURED_CONSOLE)).isEqualTo("ecs");
    }

    @Test
    void anythingElseKeepsPlainLines() {
        var environment = environmentWith(Map.of("LOG_FORMAT", "text"));

        new LogFormat().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(LogFormat.STRUCTURED_CONSOLE)).isNull();
    }

    @Test
    void anExplicitStructuredFormatWins() {
        var environment = environmentWith(Map.of("LOG_FORMAT", "json", LogFormat.STRUCTURED_CONSOLE, "logstash"));

        new LogFormat().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(LogFormat.STRUCTURED_CONSOLE)).isEqualTo("logstash");
    }

    private static StandardEnvironment environmentWith(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
