package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.testing.DynaliteProcess;
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

/**
 * The store goes away and comes back, for real (a dynalite of this test's own, stopped and restarted on the
 * same data): the API answers 503 while it is gone, reports itself not ready, recovers by itself, and every
 * timer it accepted fires once.
 */
class StoreFaultsIT {

    private static final DynaliteProcess dynalite = DynaliteProcess.start();
    private static final TimersCluster cluster = TimersCluster.isolatedOn(dynalite.endpoint());
    private static final WebhookReceiver receiver = cluster.receiver();

    @BeforeAll
    static void start() {
        cluster.startApi();
        cluster.startConsumer();
    }

    @AfterAll
    static void stop() {
        cluster.close();
        dynalite.close();
    }

    @Test
    void whileTheStoreIsDownTheApiAnswers503AndEverythingAcceptedStillFiresOnce() throws Exception {
        List<UUID> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accepted.add(cluster.createIn(3, receiver.url()));
        }

        dynalite.stop();
        try {
            var refused = cluster.create("{\"seconds\":3,\"url\":\"" + receiver.url() + "\"}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("content-type")).contains("application/problem+json");
            assertThat(refused.headers().firstValue("retry-after")).isPresent();
            assertThat(readiness()).isEqualTo(503);
            assertThat(cluster.get(accepted.getFirst()).statusCode()).isEqualTo(503);
        } finally {
            dynalite.startAgain();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
        accepted.add(cluster.createIn(1, receiver.url()));

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= accepted.size());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> receiver.received().size() == accepted.size());
        Receivers.sawEachExactlyOnce(receiver, accepted);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> accepted.stream()
                        .allMatch(id -> JsonPath.read(cluster.get(id).body(), "$.status")
                                .equals("DELIVERED")));
    }

    private static int readiness() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(cluster.apiManagementUri("/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
