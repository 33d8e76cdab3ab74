package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.testing.WebhookReceiver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
    void aShortTimerIsNotHeldUpByALongerOneWaitingAheadOfItInTheSameLadderQueue() throws Exception {
        // Any delay from 4,096 to 8,191 ms has digit 1 at level 3 in base 16, so both wake-ups wait in that
        // level's queue "1", the 8 s one at its head. A queue holding several TTLs would keep the 5 s one behind.
        String longer = JsonPath.read(
                post("{\"seconds\":8,\"url\":\"" + receiver.url() + "\"}").body(), "$.id");
        long createdAt = System.nanoTime();
        var created = post("{\"seconds\":5,\"url\":\"" + receiver.url() + "\"}");
        String shorter = JsonPath.read(created.body(), "$.id");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !receiver.receivedFor(shorter).isEmpty()
                        && !receiver.receivedFor(longer).isEmpty());
        long shorterArrived = receiver.receivedFor(shorter).getFirst().arrivedNanos();
        assertThat(Duration.ofNanos(shorterArrived - createdAt))
                .isBetween(Duration.ofSeconds(5), Duration.ofMillis(5500));
        assertThat(shorterArrived)
                .isLessThan(receiver.receivedFor(longer).getFirst().arrivedNanos());
    }

    @Test
    void theMetricsBothServicesExposeCountTheTimersThisTestCreatedAndDelivered() throws Exception {
        int timers = 3;
        String apiBefore = scrape(api);
        String consumerBefore = scrape(consumer);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < timers; i++) {
            var created = post("{\"seconds\":1,\"url\":\"" + receiver.url() + "\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            ids.add(JsonPath.read(created.body(), "$.id"));
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> ids.stream()
                        .allMatch(id -> JsonPath.read(
                                        cluster.get(UUID.fromString(id)).body(), "$.status")
                                .equals("DELIVERED")));

        String apiAfter = scrape(api);
        String consumerAfter = scrape(consumer);
        assertThat(increase(apiBefore, apiAfter, "timers_accepted_total", "form=\"classic\""))
                .isEqualTo(timers);
        assertThat(increase(apiBefore, apiAfter, "timers_published_total", "outcome=\"confirmed\""))
                .isEqualTo(timers);
        assertThat(increase(consumerBefore, consumerAfter, "timers_fired_total", "outcome=\"delivered\""))
                .isEqualTo(timers);
        assertThat(increase(
                        consumerBefore,
                        consumerAfter,
                        "timers_delivery_duration_seconds_count",
                        "outcome=\"delivered\""))
                .isEqualTo(timers);
        assertThat(increase(consumerBefore, consumerAfter, "timers_fire_lateness_seconds_count", ""))
                .isEqualTo(timers);
        assertThat(consumerAfter)
                .contains("timers_fire_lateness_seconds_bucket{le=\"0.05\"")
                .contains("\ntimers_pending ")
                .contains("timers_store_items_read_total{operation=\"query\"")
                .contains("timers_overdue_oldest_age_seconds");
    }

    /** How much the samples of one metric, with the given label, grew between two scrapes. */
    private static long increase(String before, String after, String metric, String label) {
        return Math.round(sum(after, metric, label) - sum(before, metric, label));
    }

    private static double sum(String scrape, String metric, String label) {
        return scrape.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
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
