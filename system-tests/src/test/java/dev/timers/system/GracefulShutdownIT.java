package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A consumer asked to stop (as on SIGTERM) finishes the call in flight and records it before it exits. */
class GracefulShutdownIT {

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final TestInfrastructure infrastructure = cluster.infrastructure();
    private static final WebhookReceiver receiver = cluster.receiver();

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void stoppingAConsumerMidCallFinishesAndRecordsTheCall() {
        cluster.startApi();
        // Long enough a timeout for the 3 s answer below to be a success, not a timeout.
        var consumer =
                cluster.startConsumer(Map.of("timers.consumer.response-timeout", "5s", "timers.consumer.lease", "15s"));
        var repository = cluster.api().getBean(TimerRepository.class);
        receiver.thenRespond(new MockResponse.Builder()
                .code(200)
                .headersDelay(3, TimeUnit.SECONDS)
                .build());
        UUID id = cluster.createIn(1, receiver.url());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.receivedFor(id).size() == 1);

        long stopping = System.nanoTime();
        consumer.close();

        // It waited for the call (the target answers 3 s after the request arrived), and not for long.
        assertThat(Duration.ofNanos(System.nanoTime() - stopping))
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(repository.find(id).orElseThrow().status()).isEqualTo(TimerStatus.DELIVERED);
    }
}
