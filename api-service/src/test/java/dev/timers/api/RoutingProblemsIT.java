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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the real server answers to requests no endpoint takes (an unknown path, a method or media type the path
 * does not take, a URL the firewall refuses, the error page asked for directly): RFC 9457 problem+json with a
 * type of ours, never Spring's {@code about:blank} or Boot's error JSON. With keys on, a caller without one
 * learns nothing about which paths exist: 401 comes first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutingProblemsIT {

    private static final TestApiKeys.Key KEY = new TestApiKeys.Key("routing-it-key-0123", "routing", "owner-r");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        TestApiKeys.register(registry, KEY);
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void anUnknownPathIs401WithoutAKeyAnd404NotFoundWithOne() throws Exception {
        var anonymous = send(request("/no-such-thing"));
        assertProblem(anonymous, 401, "unauthorized");

        var response = send(request("/no-such-thing").header("Authorization", KEY.bearer()));
        var problem = assertProblem(response, 404, "not-found");
        assertThat(problem.path("title").asString()).isEqualTo("Not found");
        assertThat(problem.path("detail").asString()).isEqualTo("No endpoint at /no-such-thing");
    }

    @Test
    void theErrorPageAskedForDirectlyIsAnUnknownPath() throws Exception {
        assertProblem(send(request("/error")), 401, "unauthorized");

        var problem = assertProblem(send(request("/error").header("Authorization", KEY.bearer())), 404, "not-found");
        assertThat(problem.path("detail").asString()).isEqualTo("No endpoint at /error");
    }

    @Test
    void aUrlTheFirewallRefusesIs400InvalidRequest() throws Exception {
        // Spring Security's firewall refuses it before any chain, and the container renders the error page.
        var response = send(request("/timers;jsessionid=1").header("Authorization", KEY.bearer()));

        var problem = assertProblem(response, 400, "invalid-request");
        assertThat(problem.path("errors").isArray()).isTrue();
    }

    @Test
    void aMethodThePathDoesNotTakeIs405WithAllow() throws Exception {
        String path = "/timers/" + UUID.randomUUID();
        var response =
                send(request(path).header("Authorization", KEY.bearer()).PUT(HttpRequest.BodyPublishers.noBody()));

        var problem = assertProblem(response, 405, "method-not-allowed");
        assertThat(problem.path("title").asString()).isEqualTo("Method not allowed");
        assertThat(problem.path("detail").asString()).startsWith("PUT is not allowed on " + path);
        assertThat(response.headers().firstValue("Allow").orElseThrow().split(",\\s*"))
                .contains("GET", "DELETE")
                .doesNotContain("PUT");
    }

    @Test
    void aBodyOfAnotherMediaTypeIs415UnsupportedMediaType() throws Exception {
        var response = send(request("/timers")
                .header("Authorization", KEY.bearer())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("seconds=5")));

        var problem = assertProblem(response, 415, "unsupported-media-type");
        assertThat(problem.path("detail").asString())
                .isEqualTo("Content-Type text/plain is not supported here; send application/json");
    }

    @Test
    void anAnswerTheClientDoesNotAcceptIs406NotAcceptable() throws Exception {
        var created = send(request("/timers")
                .header("Authorization", KEY.bearer())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"minutes\":5,\"url\":\"http://127.0.0.1:9/hook\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).path("id").asString();

        var response = send(
                request("/timers/" + id).header("Authorization", KEY.bearer()).header("Accept", "application/xml"));

        assertProblem(response, 406, "not-acceptable");
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:timers:problem:" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
