package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.testing.WebhookReceiver;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole timer API through both services on the real broker and store: what the target gets is what the
 * timer asked for, a new time replaces the old one, and a replayed timer is called once more.
 */
class TimerApiEndToEndIT {

    private static final TimersCluster cluster = TimersCluster.isolated();

    @BeforeAll
    static void startServices() {
        cluster.startApi();
        cluster.startConsumer();
    }

    @AfterAll
    static void stopServices() {
        cluster.close();
    }

    @Test
    void theTargetGetsTheMethodHeadersAndBodyExactlyAsGiven() {
        try (var receiver = WebhookReceiver.start()) {
            UUID json = created("""
                    {"seconds": 1, "url": "%s", "method": "PUT",
                     "headers": {"X-Trace": "abc-123", "Authorization": "Bearer token"},
                     "body": {"b": [1, 2.5, null], "a": "\\u00e9t\\u00e9"}, "metadata": {"never": "sent"}}
                    """.formatted(receiver.url()));
            UUID text = created("""
                    {"seconds": 1, "url": "%s", "method": "PATCH", "body": "a=1&b=two", "contentType": "application/x-www-form-urlencoded"}
                    """.formatted(receiver.url()));
            UUID bare = created("{\"seconds\": 1, \"url\": \"" + receiver.url() + "\", \"method\": \"GET\"}");

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.received().size() == 3);

            var put = receiver.receivedFor(json).getFirst();
            assertThat(put.method()).isEqualTo("PUT");
            assertThat(put.header("X-Trace")).isEqualTo("abc-123");
            assertThat(put.header("Authorization")).isEqualTo("Bearer token");
            assertThat(put.header("Content-Type")).isEqualTo("application/json");
            assertThat(new String(put.rawBody(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"b\":[1,2.5,null],\"a\":\"\u00e9t\u00e9\"}");
            assertThat(put.headers()).doesNotContainKey("never");
            assertThat(put.header("webhook-id")).isEqualTo(json.toString());
            assertThat(put.header("webhook-timestamp")).isNotBlank();

            var patch = receiver.receivedFor(text).getFirst();
            assertThat(patch.method()).isEqualTo("PATCH");
            assertThat(patch.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(patch.rawBody()).isEqualTo("a=1&b=two".getBytes(StandardCharsets.UTF_8));

            var get = receiver.receivedFor(bare).getFirst();
            assertThat(get.method()).isEqualTo("GET");
            assertThat(get.rawBody()).isEmpty();
        }
    }

    @Test
    void aRescheduledTimerIsCalledAtItsNewTimeOnly() throws Exception {
        try (var receiver = WebhookReceiver.start()) {
            long createdAt = System.nanoTime();
            UUID id = created("{\"delay\": \"PT2S\", \"url\": \"" + receiver.url() + "\"}");
            var moved = send(HttpRequest.newBuilder(cluster.apiUri("/timers/" + id))
                    .header("content-type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"delay\": \"PT6S\"}"))
                    .build());
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !receiver.receivedFor(id).isEmpty());
            Duration arrived =
                    Duration.ofNanos(receiver.receivedFor(id).getFirst().arrivedNanos() - createdAt);
            // The old wake-up at 2 s was dropped: the one call came at the new time, not before it.
            assertThat(arrived).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> receiver.receivedFor(id).size() == 1);
            assertThat(cluster.status(id)).isEqualTo("DELIVERED");
        }
    }

    @Test
    void aReplayedFailedTimerIsCalledOnceMore() throws Exception {
        try (var receiver = WebhookReceiver.start()) {
            receiver.thenRespond(new MockResponse.Builder().code(404).build());
            UUID id = created("{\"seconds\": 1, \"url\": \"" + receiver.url() + "\"}");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> cluster.status(id).equals("FAILED"));
            assertThat(receiver.receivedFor(id)).hasSize(1);

            var replayed = send(HttpRequest.newBuilder(cluster.apiUri("/timers/" + id + "/replay"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
            assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> cluster.status(id).equals("DELIVERED"));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> receiver.receivedFor(id).size() == 2);
            var view = cluster.get(id).body();
            assertThat((Integer) JsonPath.read(view, "$.attempts.length()")).isEqualTo(2);
            assertThat((Integer) JsonPath.read(view, "$.attempts[0].statusCode"))
                    .isEqualTo(404);
            assertThat((Integer) JsonPath.read(view, "$.attempts[1].statusCode"))
                    .isEqualTo(200);
        }
    }

    private static UUID created(String json) {
        var response = cluster.create(json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(JsonPath.read(response.body(), "$.id"));
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
