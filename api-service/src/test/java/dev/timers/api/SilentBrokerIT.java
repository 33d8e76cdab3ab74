package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.store.DueTimers;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.store.TimerTable;
import dev.timers.core.testing.SilentBroker;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.timer.TimerStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API's broker accepts connections and never answers. The API stays ready, every create answers at once
 * and is stored, and each wake-up the broker did not take is given back to the feeder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class SilentBrokerIT {

    /** Far below the 5 s a publish waits on a silent broker, far above a create on a busy test machine. */
    private static final Duration QUICK = Duration.ofMillis(1500);

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final SilentBroker broker = SilentBroker.start();
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        AnonymousCallers.register(registry);
        registry.add("spring.rabbitmq.port", () -> Integer.toString(broker.port()));
        // Not asking the broker for its plugin spares start-up one wait on the silent broker.
        registry.add("timers.delay.mode", () -> "ladder");
        // One publish at a time and one waiting: the next wake-up finds the hand-off full.
        registry.add("timers.api.publish.threads", () -> "1");
        registry.add("timers.api.publish.queue-capacity", () -> "1");
    }

    @AfterAll
    static void cleanUp() {
        broker.close();
        infrastructure.close();
    }

    @Value("${local.server.port}")
    int port;

    @Value("${local.management.port}")
    int managementPort;

    @Autowired
    TimerRepository repository;

    @Autowired
    DueTimers dueTimers;

    @Autowired
    MeterRegistry meters;

    @Test
    void theApiStaysReadyAndEachCreateAnswersAtOnceAndIsStored() throws Exception {
        assertThat(readiness().statusCode()).isEqualTo(200);

        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            var response = create(60);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(took).as("create %d took %s", i, took).isLessThan(QUICK);
            ids.add(UUID.fromString(JsonPath.read(response.body(), "$.id")));
        }

        assertThat(broker.connectionsAccepted())
                .as("a publish really went to the silent broker")
                .isPositive();
        for (UUID id : ids) {
            assertThat(repository.find(id).orElseThrow().status()).isEqualTo(TimerStatus.SCHEDULED);
        }
        var readiness = readiness();
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"").doesNotContain("rabbit");
        // Each wake-up the broker never confirmed is left to the feeder: its enqueued mark is taken back.
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(this::leftToTheFeeder));
    }

    @Test
    void theBrokerStillShowsAsAHealthComponent() throws Exception {
        var rabbit = http.send(
                HttpRequest.newBuilder(management("/actuator/health/rabbit"))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rabbit.statusCode()).isEqualTo(503);
        assertThat(rabbit.body()).contains("\"DOWN\"");
        assertThat(readiness().statusCode()).isEqualTo(200);
    }

    @Test
    void aWakeUpThatFindsTheHandOffFullIsLeftToTheFeederAtOnce() throws Exception {
        double skippedBefore = skipped();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var response = create(120);
            assertThat(response.statusCode()).isEqualTo(201);
            ids.add(UUID.fromString(JsonPath.read(response.body(), "$.id")));
        }

        // One thread, stuck on the broker for seconds, and one place in the queue: at least two found it full.
        assertThat(skipped() - skippedBefore).isGreaterThanOrEqualTo(2);
        assertThat(ids.subList(2, 4)).allMatch(this::leftToTheFeeder);
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(this::leftToTheFeeder));
    }

    private boolean leftToTheFeeder(UUID id) {
        int shard = Integer.parseInt(TimerTable.dueShardOf(id));
        return dueTimers.unpublished(shard, Instant.now().plus(Duration.ofHours(1)), 1000).stream()
                .anyMatch(timer -> timer.id().equals(id));
    }

    private double skipped() {
        Counter counter = meters.find("timers.publish.skipped")
                .tag("reason", "queue_full")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> create(int seconds) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/timers"))
                        .header("content-type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"seconds\":" + seconds + ",\"url\":\"http://127.0.0.1:9000/hook\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> readiness() throws Exception {
        return http.send(
                HttpRequest.newBuilder(management("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }
}
