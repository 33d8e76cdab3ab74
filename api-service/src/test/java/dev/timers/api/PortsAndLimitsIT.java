package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.api.auth.ApiKeys;
import dev.timers.core.testing.TestInfrastructure;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real servers: the actuator only on the management port (health details and metrics for this
 * machine), nothing of it on the public port, and the request caps Tomcat and the body filter enforce.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PortsAndLimitsIT {

    private static final String KEY = "ports-it-key";
    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        registry.add("timers.api.auth", () -> "api-key");
        registry.add("timers.api.keys[0].name", () -> "ports");
        registry.add("timers.api.keys[0].owner", () -> "ports-owner");
        registry.add("timers.api.keys[0].sha256", () -> ApiKeys.sha256Hex(KEY));
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Value("${local.server.port}")
    int port;

    @Value("${local.management.port}")
    int managementPort;

    @Test
    void theActuatorIsNotOnThePublicPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(send(publicUri("/actuator/prometheus"), true).statusCode()).isEqualTo(404);
        assertThat(send(publicUri("/actuator/health"), true).statusCode()).isEqualTo(404);
        assertThat(send(publicUri("/actuator/prometheus"), false).statusCode()).isEqualTo(401);
    }

    @Test
    void metricsAndHealthDetailsAreServedToThisMachineOnTheManagementPort() throws Exception {
        var metrics = send(managementUri("/actuator/prometheus"), false);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");

        var health = send(managementUri("/actuator/health"), false);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"components\"").contains("\"dynamoDb\"");
    }

    @Test
    void tooManyHeadersAreRefused() throws Exception {
        var request = HttpRequest.newBuilder(publicUri("/timers/" + java.util.UUID.randomUUID()))
                .header("Authorization", "Bearer " + KEY);
        for (int i = 0; i < 60; i++) {
            request.header("x-filler-" + i, "1");
        }
        assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        byte[] body = ("{\"seconds\":30,\"url\":\"http://127.0.0.1:9/" + "x".repeat(1100 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        var response = postChunked("/timers", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("urn:timers:problem:body-too-large");
    }

    /** The ports the servers really listen on (random here) are reserved once they do, with private targets open. */
    @Test
    void aTimerAimedAtTheServicesOwnListeningPortsIsRefused() throws Exception {
        for (String url : List.of(
                publicUri("/timers").toString(),
                managementUri("/actuator/health").toString(),
                "http://localhost:" + port + "/timers")) {
            var response = http.send(
                    HttpRequest.newBuilder(publicUri("/timers"))
                            .header("Authorization", "Bearer " + KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":30,\"url\":\"" + url + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(url).isEqualTo(400);
            assertThat(response.body()).as(url).contains("\"rule\":\"reserved-port\"");
        }
    }

    @Test
    void aChunkedBatchWhoseTimersTogetherPassTheLimitIs413() throws Exception {
        String large = "{\"seconds\":30,\"url\":\"http://127.0.0.1:9/\",\"body\":\"" + "x".repeat(60 * 1024) + "\"}";
        byte[] body = ("{\"timers\":[" + String.join(",", Collections.nCopies(20, large)) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        var response = postChunked("/timers/batch", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body())
                .contains("urn:timers:problem:body-too-large")
                .contains("send fewer timers per batch");
    }

    /** From a stream of unknown length, so it goes chunked, without a Content-Length to check up front. */
    private HttpResponse<String> postChunked(String path, byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(publicUri(path))
                        .header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI publicUri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    private static HttpResponse<String> send(URI uri, boolean withKey) throws Exception {
        var request = HttpRequest.newBuilder(uri);
        if (withKey) {
            request.header("Authorization", "Bearer " + KEY);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
