package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.delay.WakeUps;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer that dies mid-fire leaves its claim behind: the item FIRING under a lease, with or without the
 * target called. These tests leave exactly that state in the store (a claim by a consumer that never comes
 * back) and show that a live consumer fires the timer after the lease, through the rescuer.
 */
class CrashRecoveryIT {

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final TestInfrastructure infrastructure = cluster.infrastructure();
    private static final WebhookReceiver receiver = cluster.receiver();
    private static final Duration DEAD_LEASE = Duration.ofSeconds(3);

    private static TimerRepository repository;
    private static WakeUps wakeUps;

    @BeforeAll
    static void start() {
        var consumer = cluster.startConsumer();
        repository = consumer.getBean(TimerRepository.class);
        wakeUps = consumer.getBean(WakeUps.class);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aConsumerThatDiedAfterTheClaimAndBeforeTheCallIsReplacedAfterItsLease() {
        Timer claimedByTheDead = claimedByADeadConsumer();

        Timer timer = awaitDelivered(claimedByTheDead);

        assertThat(receiver.receivedFor(timer.id())).hasSize(1);
        assertThat(timer.rescues()).isGreaterThanOrEqualTo(1);
        assertThat(timer.deliveredAt()).isAfter(claimedByTheDead.leaseUntil());
    }

    @Test
    void aConsumerThatDiedAfterTheTargetsAnswerButBeforeRecordingItCausesOneRepeatWithTheSameWebhookId()
            throws Exception {
        Timer claimedByTheDead = claimedByADeadConsumer();
        callTargetAsTheDeadConsumerDid(claimedByTheDead);

        Timer timer = awaitDelivered(claimedByTheDead);

        var calls = receiver.receivedFor(timer.id());
        assertThat(calls).hasSize(2);
        assertThat(calls)
                .extracting(WebhookReceiver.Received::webhookId)
                .containsOnly(timer.id().toString());
    }

    @Test
    void aTimerWhoseMessageTheBrokerLostIsRescuedAfterTheGrace() {
        Instant now = Instant.now();
        Timer timer = Timer.schedule(receiver.url(), now.plusMillis(500), now);
        // Stored as published, but the message never reaches a queue: as if the broker lost it.
        repository.create(timer, true);

        Timer delivered = awaitDelivered(timer);

        assertThat(receiver.receivedFor(timer.id())).hasSize(1);
        assertThat(delivered.rescues()).isEqualTo(1);
        // Grace (1 s) plus a rescuer sweep (1 s), with some slack for a busy machine.
        assertThat(delivered.lateness().orElseThrow()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    /** A timer due now, its message published as usual, claimed by a consumer that then vanished. */
    private Timer claimedByADeadConsumer() {
        Instant now = Instant.now();
        Timer timer = Timer.schedule(receiver.url(), now, now);
        repository.create(timer, true);
        Timer claimed = repository
                .claim(timer.id(), timer.fireAt(), "dead-consumer", now, now.plus(DEAD_LEASE))
                .orElseThrow();
        wakeUps.publish(timer.id(), timer.owner(), timer.fireAt());
        return claimed;
    }

    private static void callTargetAsTheDeadConsumerDid(Timer timer) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(timer.url())
                                .header("webhook-id", timer.id().toString())
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static Timer awaitDelivered(Timer timer) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        return repository.find(timer.id()).orElseThrow();
    }
}
