package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.testing.SilentBroker;
import dev.timers.core.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The API's broker accepts connections and never answers: creates are still answered at once, and every timer
 * fires once through a consumer on the real broker, from the store.
 */
class SilentBrokerDeliveryIT {

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final WebhookReceiver receiver = cluster.receiver();
    private static final SilentBroker silent = SilentBroker.start();

    @AfterAll
    static void stop() {
        try {
            cluster.close();
        } finally {
            silent.close();
        }
    }

    @Test
    void timersAcceptedWhileTheApiBrokerIsSilentFireOnceFromTheStore() {
        cluster.startApi(Map.of("spring.rabbitmq.port", Integer.toString(silent.port())));
        int count = 20;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            ids.add(cluster.createIn(2 + i % 3, receiver.url()));
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("a create does not wait for the broker")
                    .isLessThan(Duration.ofMillis(1500));
        }
        assertThat(silent.connectionsAccepted())
                .as("the API did try its broker")
                .isPositive();

        // The consumer, on the real broker, finds the timers in the store: the feeder publishes those the API
        // gave back, the rescuer wakes those whose publish still hangs.
        cluster.startConsumer();

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= count);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> receiver.received().size() == count);
        Receivers.sawEachExactlyOnce(receiver, ids);
        for (UUID id : ids) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> cluster.status(id).equals("DELIVERED"));
        }
    }
}
