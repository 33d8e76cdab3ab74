package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.testing.Scale;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Timers that fall due while no consumer runs fire when one comes back, each once, with their lateness. */
class OutageIT {

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final TestInfrastructure infrastructure = cluster.infrastructure();
    private static final WebhookReceiver receiver = cluster.receiver();

    @BeforeAll
    static void start() {
        cluster.startApi();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void timersThatFellDueWhileConsumersWereDownFireOnceWhenTheyReturn() {
        int count = Scale.of(200, 1000);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(cluster.createIn(1, receiver.url()));
        }
        // The outage: every timer falls due, and then some, while no consumer runs.
        Duration outage = Duration.ofSeconds(4);
        await().during(outage)
                .atMost(outage.plusSeconds(1))
                .until(() -> receiver.received().isEmpty());

        cluster.startConsumer();

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= count);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> receiver.received().size() == count);
        Receivers.sawEachExactlyOnce(receiver, ids);
        for (UUID id : ids) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> cluster.status(id).equals("DELIVERED"));
            Integer lateMs = JsonPath.read(cluster.get(id).body(), "$.lateMs");
            assertThat(lateMs).isGreaterThanOrEqualTo(2000);
        }
    }
}
