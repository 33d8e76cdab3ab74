package dev.timers.system;

import com.jayway.jsonpath.JsonPath;
import dev.timers.api.ApiApplication;
import dev.timers.consumer.ConsumerApplication;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The services of one test class, each a Spring application in this JVM on the real broker and store, with
 * sweeps, grace and lease short enough for tests to watch faults heal.
 */
class TimersCluster implements AutoCloseable {

    /** Settings every service in a test gets, on top of the infrastructure's. */
    static final Map<String, String> FAST = Map.ofEntries(
            // These tests are not about API keys or rate limits: every request is the anonymous owner.
            Map.entry("timers.api.auth", "none"),
            Map.entry("timers.api.rate-limit.enabled", "false"),
            // The production default; these services are closed before their topology is removed.
            Map.entry("timers.delay.queues", "quorum"),
            Map.entry("timers.consumer.feeder.interval", "1s"),
            Map.entry("timers.consumer.rescuer.interval", "1s"),
            Map.entry("timers.consumer.rescuer.grace", "1s"),
            Map.entry("timers.consumer.rescuer.repeat-after", "5s"),
            Map.entry("timers.consumer.lease", "8s"),
            Map.entry("timers.consumer.connect-timeout", "1s"),
            Map.entry("timers.consumer.response-timeout", "2s"),
            Map.entry("timers.consumer.retry.schedule", "200ms,400ms,800ms,1600ms"));

    /**
     * The API's Spring Security is on this module's class path, which the consumer shares here (not in its own
     * jar); without this, Spring Boot would lock the consumer's actuator behind a generated password.
     */
    private static final Map<String, String> CONSUMER_WITHOUT_API_SECURITY = Map.of(
            "spring.autoconfigure.exclude",
            String.join(
                    ",",
                    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                    "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
                    "org.springframework.boot.security.autoconfigure.actuate.web.servlet"
                            + ".ManagementWebSecurityAutoConfiguration"));

    private static final String API = "api-service";
    private static final String CONSUMER = "timer-consumer";

    private final TestInfrastructure infrastructure;
    private final WebhookReceiver receiver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ConfigurableApplicationContext> consumers = new ArrayList<>();
    private final List<ConsumerProcess> processes = new ArrayList<>();
    private ConfigurableApplicationContext api;

    private TimersCluster(TestInfrastructure infrastructure, WebhookReceiver receiver) {
        this.infrastructure = infrastructure;
        this.receiver = receiver;
    }

    /** A cluster with its own table, topology prefix and webhook receiver; {@link #close()} removes them. */
    static TimersCluster isolated() {
        return new TimersCluster(TestInfrastructure.isolated(), WebhookReceiver.start());
    }

    /** The same on a DynamoDB of the test's own. */
    static TimersCluster isolatedOn(URI dynamoEndpoint) {
        return new TimersCluster(TestInfrastructure.isolatedOn(dynamoEndpoint), WebhookReceiver.start());
    }

    /** Another set of services on the same table, prefix and receiver, closed separately. */
    TimersCluster sharingInfrastructure() {
        return new TimersCluster(infrastructure, receiver) {
            @Override
            public void close() {
                stopServices();
            }
        };
    }

    TestInfrastructure infrastructure() {
        return infrastructure;
    }

    WebhookReceiver receiver() {
        return receiver;
    }

    TimersCluster startApi(Map<String, String> overrides) {
        api = new SpringApplicationBuilder(ApiApplication.class).run(arguments(API, overrides));
        return this;
    }

    TimersCluster startApi() {
        return startApi(Map.of());
    }

    ConfigurableApplicationContext startConsumer(Map<String, String> overrides) {
        var consumer = new SpringApplicationBuilder(ConsumerApplication.class).run(arguments(CONSUMER, overrides));
        consumers.add(consumer);
        return consumer;
    }

    ConfigurableApplicationContext startConsumer() {
        return startConsumer(Map.of());
    }

    /** A consumer in a JVM of its own, which a test can kill or terminate; closed with the cluster. */
    ConsumerProcess startConsumerProcess(Map<String, String> overrides) {
        var process = ConsumerProcess.start(properties(CONSUMER, overrides));
        processes.add(process);
        return process;
    }

    HttpResponse<String> create(String json) {
        return send(HttpRequest.newBuilder(apiUri("/timers"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** Creates a timer over HTTP and returns its id. */
    UUID createIn(int seconds, URI url) {
        var response = create("{\"seconds\":" + seconds + ",\"url\":\"" + url + "\"}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
        }
        return UUID.fromString(JsonPath.read(response.body(), "$.id"));
    }

    /**
     * Creates one timer per instant of {@code fireAts} (at most 100, the largest batch) with one batch request
     * over HTTP, and returns their ids in the same order.
     */
    List<UUID> createBatch(List<Instant> fireAts, URI url) {
        String items = fireAts.stream()
                .map(fireAt -> "{\"fireAt\":\"" + fireAt + "\",\"url\":\"" + url + "\"}")
                .collect(Collectors.joining(","));
        var response = send(HttpRequest.newBuilder(apiUri("/timers/batch"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"timers\":[" + items + "]}"))
                .build());
        List<Integer> statuses = JsonPath.read(response.body(), "$.results[*].status");
        if (response.statusCode() != 200 || statuses.stream().anyMatch(status -> status != 201)) {
            throw new IllegalStateException("batch create answered " + response.statusCode() + ": " + response.body());
        }
        List<String> created = JsonPath.read(response.body(), "$.results[*].timer.id");
        return created.stream().map(UUID::fromString).toList();
    }

    HttpResponse<String> get(UUID id) {
        return send(HttpRequest.newBuilder(apiUri("/timers/" + id)).build());
    }

    String status(UUID id) {
        return JsonPath.read(get(id).body(), "$.status");
    }

    HttpResponse<String> delete(UUID id) {
        return send(HttpRequest.newBuilder(apiUri("/timers/" + id)).DELETE().build());
    }

    URI apiUri(String path) {
        return URI.create("http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port") + path);
    }

    /** The API's actuator, on its management port (the public port serves none of it). */
    URI apiManagementUri(String path) {
        return managementUri(api, path);
    }

    /** A service's actuator, on its management port. */
    static URI managementUri(ConfigurableApplicationContext service, String path) {
        return URI.create("http://127.0.0.1:" + service.getEnvironment().getProperty("local.management.port") + path);
    }

    List<ConfigurableApplicationContext> consumers() {
        return List.copyOf(consumers);
    }

    ConfigurableApplicationContext api() {
        return api;
    }

    /** Stops the services, then removes the receiver, the table and the topology. */
    @Override
    public void close() {
        try {
            stopServices();
        } finally {
            receiver.close();
            infrastructure.close();
        }
    }

    /**
     * Stops the services, then removes the receiver and the table, but leaves the shared broker alone: for tests
     * whose services ran on a broker of their own, which takes the topology with it.
     */
    void closeOnOwnBroker() {
        try {
            stopServices();
        } finally {
            receiver.close();
            infrastructure.deleteTable();
        }
    }

    void stopServices() {
        processes.forEach(ConsumerProcess::close);
        consumers.forEach(ConfigurableApplicationContext::close);
        if (api != null) {
            api.close();
        }
    }

    private Map<String, String> properties(String module, Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(infrastructure.properties());
        properties.put("spring.config.location", configurationOf(module));
        properties.putAll(FAST);
        if (module.equals(CONSUMER)) {
            properties.putAll(CONSUMER_WITHOUT_API_SECURITY);
        }
        properties.putAll(overrides);
        return properties;
    }

    /**
     * Both services' {@code application.yml} are on the test class path, and Spring would read whichever comes
     * first for both; each service is pointed at its own.
     */
    private static String configurationOf(String module) {
        try {
            return Collections.list(ClassLoader.getSystemClassLoader().getResources("application.yml")).stream()
                    .map(URL::toString)
                    .filter(url -> url.contains("/" + module))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("no application.yml of " + module + " on the class path"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String[] arguments(String module, Map<String, String> overrides) {
        Map<String, String> properties = properties(module, overrides);
        properties.putIfAbsent("server.port", "0");
        // A port of its own, as in production: 0 picks a free one (and differs from the server's).
        properties.putIfAbsent("management.server.port", "0");
        return properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }
}
