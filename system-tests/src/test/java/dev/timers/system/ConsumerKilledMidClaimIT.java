package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real consumer process killed with {@code kill -9} in the middle of its claim, at the two instants a crash can
 * hit it: after the claim reached the store but before the consumer heard back, and before it reached the store.
 * Either way the timer is called exactly once, by another consumer: after the dead claim's lease in the first
 * case (through the rescuer), at once from the wake-up the broker hands on in the second.
 */
class ConsumerKilledMidClaimIT {

    private static final Map<String, String> SETTINGS = Map.of("timers.consumer.lease", "8s");

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final WebhookReceiver receiver = WebhookReceiver.start();
    private static TimerRepository repository;

    @BeforeAll
    static void start() {
        cluster.startApi();
        repository = cluster.api().getBean(TimerRepository.class);
    }

    @AfterAll
    static void stop() {
        cluster.close();
        receiver.close();
    }

    @Test
    void killedAfterItsClaimLandedTheTimerFiresOnceAfterTheLeaseThroughTheRescuer() {
        try (var store = new ClaimHoldingProxy(TestInfrastructure.dynamoEndpoint(), ClaimHoldingProxy.Hold.ANSWER)) {
            UUID id = killedMidClaim(store);

            Timer claimed = repository.find(id).orElseThrow();
            assertThat(claimed.status()).as("the dead consumer's claim").isEqualTo(TimerStatus.FIRING);

            Timer delivered = firedByAnotherConsumer(id);
            assertThat(receiver.receivedFor(id)).hasSize(1);
            assertThat(delivered.attempts())
                    .singleElement()
                    .satisfies(attempt -> assertThat(attempt.at()).isAfter(claimed.leaseUntil()));
            assertThat(delivered.rescues()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void killedBeforeItsClaimLandedTheTimerFiresOnceFromTheWakeUpTheBrokerHandsOn() {
        try (var store = new ClaimHoldingProxy(TestInfrastructure.dynamoEndpoint(), ClaimHoldingProxy.Hold.REQUEST)) {
            UUID id = killedMidClaim(store);

            assertThat(repository.find(id).orElseThrow().status())
                    .as("no claim reached the store")
                    .isEqualTo(TimerStatus.SCHEDULED);

            Timer delivered = firedByAnotherConsumer(id);
            assertThat(receiver.receivedFor(id)).hasSize(1);
            assertThat(delivered.rescues())
                    .as("fired from its own wake-up, not rescued")
                    .isZero();
        }
    }

    /** Starts a consumer whose store calls go through {@code store}, and kills it once its claim is held. */
    private UUID killedMidClaim(ClaimHoldingProxy store) {
        var consumer = cluster.startConsumerProcess(Map.of(
                "timers.consumer.lease",
                "8s",
                "timers.dynamodb.endpoint",
                store.uri().toString()));
        UUID id = cluster.createIn(1, receiver.url());
        await().atMost(Duration.ofSeconds(30)).until(() -> store.claimsHeld() >= 1);
        consumer.kill();
        return id;
    }

    private Timer firedByAnotherConsumer(UUID id) {
        try (var another = cluster.startConsumer(SETTINGS)) {
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> repository.find(id).orElseThrow().status() == TimerStatus.DELIVERED);
            // Nothing more arrives: one call on the wire.
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.receivedFor(id).size() == 1);
        }
        return repository.find(id).orElseThrow();
    }
}
