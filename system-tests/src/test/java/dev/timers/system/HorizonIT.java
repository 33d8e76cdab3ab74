package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Only timers within the horizon are in the broker. Here the horizon is 5 s: a timer 8 s out waits in the
 * store until the feeder moves it into the broker, and still fires on time; a 400-day timer never gets there.
 */
class HorizonIT {

    private static final Map<String, String> SHORT_HORIZON = Map.of("timers.horizon", "5s");

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final TestInfrastructure infrastructure = cluster.infrastructure();
    private static final WebhookReceiver receiver = cluster.receiver();

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aTimerBeyondTheHorizonWaitsInTheStoreAndIsFedToTheBrokerInTimeToFireOnTime() {
        cluster.startApi(SHORT_HORIZON);
        cluster.startConsumer(SHORT_HORIZON);

        long createdAt = System.nanoTime();
        UUID longer = cluster.createIn(400 * 24 * 3600, receiver.url());
        UUID beyond = cluster.createIn(8, receiver.url());
        assertThat(infrastructure.messagesInBroker()).isZero();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.receivedFor(beyond).size() == 1);
        Duration firedAfter =
                Duration.ofNanos(receiver.receivedFor(beyond).getFirst().arrivedNanos() - createdAt);
        assertThat(firedAfter).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(9));
        assertThat(infrastructure.messagesInBroker()).isZero();
        assertThat(cluster.status(longer)).isEqualTo("SCHEDULED");
    }
}
