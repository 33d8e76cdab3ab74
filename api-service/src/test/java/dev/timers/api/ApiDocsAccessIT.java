package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.core.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With API keys on, the documentation is open to anyone (Swagger UI, its configuration and the OpenAPI
 * document) and costs a key none of its rate limit, while the API and every other path still need a key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsAccessIT {

    private static final TestApiKeys.Key KEY = new TestApiKeys.Key("docs-access-it-key-42", "docs", "owner-docs");
    private static final int BURST = 3;
    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        TestApiKeys.register(registry, KEY);
        registry.add("timers.api.rate-limit.rate", () -> "1");
        registry.add("timers.api.rate-limit.period", () -> "1h");
        registry.add("timers.api.rate-limit.burst", () -> Integer.toString(BURST));
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void swaggerUiAnswersWithoutAKeyWhileTheApiNeedsOne() throws Exception {
        var ui = get("/swagger-ui.html", false);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(ui.body()).contains("swagger-ui");
        // What the page then loads: its script, its configuration, and the document.
        assertThat(get("/swagger-ui/swagger-initializer.js", false).statusCode())
                .isEqualTo(200);
        assertThat(get("/v3/api-docs/swagger-config", false).body()).contains("/v3/api-docs");
        assertThat(get("/v3/api-docs", false).body()).contains("\"openapi\"");

        var timer = get("/timers/" + UUID.randomUUID(), false);
        assertThat(timer.statusCode()).isEqualTo(401);
        assertThat(timer.body()).contains("urn:timers:problem:unauthorized");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v3/api-docs/other",
                "/v3/api-docsx",
                "/swagger-ui.htmlx",
                "/swagger-uix/index.html",
                "/webjars/swagger-ui/index.html",
                "/swagger-ui.html/../timers"
            })
    void onlyTheDocumentationPathsAreOpenWithoutAKey(String path) throws Exception {
        var response = get(path, false);

        assertThat(response.statusCode()).as(path).isIn(400, 401);
        assertThat(response.body()).contains("urn:timers:problem:");
    }

    @Test
    void readingTheDocumentationCostsAKeyNoneOfItsRateLimit() throws Exception {
        for (int i = 0; i < BURST + 2; i++) {
            assertThat(get("/v3/api-docs", true).statusCode()).isEqualTo(200);
            assertThat(get("/swagger-ui.html", true).statusCode()).isEqualTo(200);
        }
        // The whole burst is still there for the API, and then the limit holds.
        for (int i = 0; i < BURST; i++) {
            assertThat(get("/timers/" + UUID.randomUUID(), true).body()).contains("urn:timers:problem:timer-not-found");
        }
        assertThat(get("/timers/" + UUID.randomUUID(), true).statusCode()).isEqualTo(429);
    }

    private HttpResponse<String> get(String path, boolean withKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (withKey) {
            request.header("Authorization", KEY.bearer());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
