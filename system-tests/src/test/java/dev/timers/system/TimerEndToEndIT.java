package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.testing.WebhookReceiver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both services, as they run in production but in one JVM, on the real broker and store: a timer set over
 * HTTP calls a real receiver on loopback once, on time, and reads back as delivered.
 */
class TimerEndToEndIT {

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final WebhookReceiver receiver = cluster.receiver();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext api;
    private static ConfigurableApplicationContext consumer;

    @BeforeAll
    static void startServices() {
        api = cluster.startApi().api();
        consumer = cluster.startConsumer();
    }

    @AfterAll
    static void stopServices() {
        cluster.close();
    }

    @Test
    void aTwoSecondTimerCallsItsUrlOnceOnTimeAndReadsBackAsDelivered() throws Exception {
        long createdAt = System.nanoTime();
        var created = post("{\"hours\":0,\"minutes\":0,\"seconds\":2,\"url\":\"" + receiver.url() + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JsonPath.read(created.body(), "$.id");
        assertThat(created.headers().firstValue("location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/timers/" + id));
        assertThat((Integer) JsonPath.read(created.body(), "$.time_left")).isEqualTo(2);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !receiver.receivedFor(id).isEmpty());
        Duration lateness = Duration.ofNanos(receiver.receivedFor(id).getFirst().arrivedNanos() - createdAt);
        assertThat(lateness).isBetween(Duration.ofMillis(2000), Duration.ofMillis(2500));

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        JsonPath.read(get("/timers/" + id).body(), "$.status").equals("DELIVERED"));
        var view = get("/timers/" + id);
        assertThat((Integer) JsonPath.read(view.body(), "$.time_left")).isZero();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> receiver.receivedFor(id).size() == 1);
    }

    @Test
    void aShortTimerIsNotHeldUpByLongerOnesCreatedBeforeIt() throws Exception {
        assertThat(post("{\"hours\":24,\"url\":\"" + receiver.url() + "\"}").statusCode())
                .isEqualTo(201);
        assertThat(post("{\"minutes\":14,\"url\":\"" + receiver.url() + "\"}").statusCode())
                .isEqualTo(201);
        long createdAt = System.nanoTime();
        var created = post("{\"seconds\":1,\"url\":\"" + receiver.url() + "\"}");
        String id = JsonPath.read(created.body(), "$.id");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !receiver.receivedFor(id).isEmpty());
        Duration lateness = Duration.ofNanos(receiver.receivedFor(id).getFirst().arrivedNanos() - createdAt);
        assertThat(lateness).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1500));
    }

    @Test
    void bothServicesExposeTheirMetricsForPrometheus() throws Exception {
        var created = post("{\"seconds\":1,\"url\":\"" + receiver.url() + "\"}");
        String id = JsonPath.read(created.body(), "$.id");
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        JsonPath.read(get("/timers/" + id).body(), "$.status").equals("DELIVERED"));

        String api = scrape(TimerEndToEndIT.api);
        String consumer = scrape(TimerEndToEndIT.consumer);

        assertThat(api)
                .contains("timers_accepted_total{form=\"classic\"")
                .contains("timers_published_total{outcome=\"confirmed\"");
        assertThat(consumer)
                .contains("timers_fired_total{outcome=\"delivered\"")
                .contains("timers_delivery_duration_seconds_count{outcome=\"delivered\"")
                .contains("timers_fire_lateness_seconds_bucket{le=\"0.05\"")
                .contains("timers_fire_lateness_seconds_bucket{le=\"5.0\"")
                .contains("timers_pending{shard=\"15\"")
                .contains("timers_overdue_oldest_age_seconds");
    }

    private static String scrape(ConfigurableApplicationContext service) throws Exception {
        var uri = TimersCluster.managementUri(service, "/actuator/prometheus");
        var response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> post(String json) {
        return cluster.create(json);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(cluster.apiUri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
