package dev.timers.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.consumer.ConsumerApplication;
import dev.timers.core.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real consumer's management port, called from this machine: the filter is in front of the actuator and
 * makes this caller a principal, so health shows its components and metrics are served. (Callers from
 * elsewhere are covered by {@link LocalNetworkOnlyFilterTest}; a test cannot connect from a public address.)
 */
@SpringBootTest(
        classes = ConsumerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.server.port=0")
class ConsumerManagementPortIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Value("${local.management.port}")
    int managementPort;

    @Test
    void thisMachineSeesHealthDetailsAndMetrics() throws Exception {
        var health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"components\"").contains("\"dynamoDb\"");

        var metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
