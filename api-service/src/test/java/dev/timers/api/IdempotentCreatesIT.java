package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.store.IdempotencyKeys;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.timer.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Creates with an Idempotency-Key, over real HTTP on the real store: one key, one timer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotentCreatesIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        AnonymousCallers.register(registry);
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    TimerRepository repository;

    @Autowired
    IdempotencyKeys keys;

    @Test
    void twentyConcurrentCreatesWithOneKeyMakeOneTimer() throws Exception {
        String key = "order-" + UUID.randomUUID();
        String url = "http://127.0.0.1:9000/" + key;
        String body = "{\"delay\":\"PT1H\",\"url\":\"" + url + "\",\"metadata\":{\"order\":\"42\"}}";
        var start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return create(key, body);
                }));
            }
            start.countDown();
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get().statusCode());
            ids.add(JsonPath.read(answer.get().body(), "$.id"));
        }

        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 200);
        assertThat(ids).containsOnly(ids.getFirst());
        assertThat(timersCalling(url)).isEqualTo(1);
        answers.stream()
                .map(IdempotentCreatesIT::join)
                .filter(answer -> answer.statusCode() == 200)
                .forEach(answer -> assertThat(answer.headers().firstValue("Idempotent-Replayed"))
                        .hasValue("true"));
    }

    @Test
    void theSameRequestAgainGetsTheFirstTimerWhateverItsSpacingAndFieldOrder() throws Exception {
        String key = "retry-" + UUID.randomUUID();
        var first = create(key, "{\"delay\":\"PT1H\",\"url\":\"http://127.0.0.1:9000/a\",\"method\":\"PUT\"}");
        var again = create(key, "{ \"method\": \"PUT\",  \"url\": \"http://127.0.0.1:9000/a\", \"delay\": \"PT1H\" }");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(again.body(), "$.id")).isEqualTo(JsonPath.read(first.body(), "$.id"));
        assertThat((String) JsonPath.read(again.body(), "$.fireAt")).isEqualTo(JsonPath.read(first.body(), "$.fireAt"));
    }

    @Test
    void aDifferentRequestWithAUsedKeyIs422AndCreatesNothing() throws Exception {
        String key = "reuse-" + UUID.randomUUID();
        String url = "http://127.0.0.1:9000/" + key;
        var first = create(key, "{\"delay\":\"PT1H\",\"url\":\"" + url + "\"}");
        var other = create(key, "{\"delay\":\"PT2H\",\"url\":\"" + url + "\"}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(other.body()).contains("urn:timers:problem:idempotency-key-reused");
        assertThat(timersCalling(url)).isEqualTo(1);
    }

    @Test
    void aCreateThatStoppedAfterTakingItsKeyIsCompletedByItsRetry() throws Exception {
        String key = "crashed-" + UUID.randomUUID();
        String body = "{\"delay\":\"PT1H\",\"url\":\"http://127.0.0.1:9000/a\"}";
        // What a request that died between its two writes leaves: the key taken, no timer.
        var reserved = new IdempotencyKeys.Reservation(
                UUID.randomUUID(),
                RequestFingerprint.of(new CreateTimerRequest(
                        null,
                        null,
                        null,
                        "PT1H",
                        null,
                        "http://127.0.0.1:9000/a",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)),
                Instant.now().plusSeconds(3600),
                Instant.now());
        assertThat(keys.take(Timer.ANONYMOUS_OWNER, key, reserved, Instant.now()))
                .isInstanceOf(IdempotencyKeys.Outcome.Taken.class);
        assertThat(repository.find(reserved.timerId())).isEmpty();

        var retry = create(key, body);

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(retry.body(), "$.id"))
                .isEqualTo(reserved.timerId().toString());
        assertThat(repository.find(reserved.timerId()).orElseThrow().fireAt())
                .isEqualTo(reserved.fireAt().truncatedTo(ChronoUnit.MILLIS));
    }

    private HttpResponse<String> create(String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/timers"))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How many timers in the table call {@code url}: each test uses a URL of its own. */
    private int timersCalling(String url) {
        return infrastructure
                .dynamo()
                .scanPaginator(b -> b.tableName(infrastructure.table())
                        .consistentRead(true)
                        .filterExpression("#url = :url")
                        .expressionAttributeNames(Map.of("#url", "url"))
                        .expressionAttributeValues(Map.of(":url", AttributeValue.fromS(url))))
                .stream()
                .mapToInt(page -> page.count())
                .sum();
    }

    private static HttpResponse<String> join(Future<HttpResponse<String>> answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
