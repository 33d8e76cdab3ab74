package dev.timers.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** What clients put in a URL to authenticate, or anything else, is never what a log line shows. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://hooks.example/hook?token=s3cret | https://hooks.example/hook",
                "https://hooks.example:8443/a/b?x=1&token=s3cret#frag | https://hooks.example:8443/a/b",
                "http://user:s3cret@hooks.example/hook | http://hooks.example/hook",
                "http://user:s3cret@127.1:9000/hook?token=s3cret | http://127.1:9000/hook",
                "http://[::1]:8080/p%20q?token=s3cret | http://[::1]:8080/p%20q",
                "https://hooks.example | https://hooks.example",
                "https://hooks.example#token=s3cret | https://hooks.example",
            })
    void aUrlIsLoggedWithoutUserInfoQueryOrFragment(String url, String logged) {
        assertThat(LogFormat.url(URI.create(url))).isEqualTo(logged).doesNotContain("s3cret");
    }

    @Test
    void aLoggedUrlCannotForgeALine() throws Exception {
        var url = new URI("http", "hooks.example", "/a\nFAKE LINE é", null);

        assertThat(LogFormat.url(url)).isEqualTo("http://hooks.example/a%0AFAKE%20LINE%20%C3%A9");
        assertThat(LogFormat.url(null)).isEqualTo("(none)");
    }

    private static StandardEnvironment environmentWith(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
