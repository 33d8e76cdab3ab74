package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.delay.TopologyNames;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** How the consumer treats each kind of answer from a target: retry, honour Retry-After, or give up. */
class RetriesIT {

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final TestInfrastructure infrastructure = cluster.infrastructure();
    private static TimerRepository repository;

    private WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        cluster.startApi();
        repository = cluster.startConsumer(Map.of("timers.consumer.retry.schedule", "200ms,400ms"))
                .getBean(TimerRepository.class);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aServerErrorIsRetriedWithTheSameWebhookIdUntilItSucceeds() {
        receiver.thenRespond(status(500));
        UUID id = cluster.createIn(1, receiver.url());

        Timer timer = awaitFinal(id);

        assertThat(timer.status()).isEqualTo(TimerStatus.DELIVERED);
        assertThat(timer.attempts()).extracting(Attempt::statusCode).containsExactly(500, 200);
        assertThat(receiver.receivedFor(id)).hasSize(2);
        assertThat(receiver.receivedFor(id).get(1).body()).contains("\"attempt\":2");
    }

    @Test
    void retryAfterIsHonoured() {
        receiver.thenRespond(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "2")
                .build());
        UUID id = cluster.createIn(1, receiver.url());

        Timer timer = awaitFinal(id);

        assertThat(timer.status()).isEqualTo(TimerStatus.DELIVERED);
        var calls = receiver.receivedFor(id);
        assertThat(calls).hasSize(2);
        assertThat(Duration.ofNanos(calls.get(1).arrivedNanos() - calls.get(0).arrivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void goneFailsAtOnce() {
        receiver.thenRespond(status(410));
        UUID id = cluster.createIn(1, receiver.url());

        Timer timer = awaitFinal(id);

        assertThat(timer.status()).isEqualTo(TimerStatus.FAILED);
        assertThat(timer.attempts()).hasSize(1);
        assertThat(timer.lastError()).isEqualTo("HTTP 410");
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() {
        try (var elsewhere = WebhookReceiver.start()) {
            receiver.thenRespond(new MockResponse.Builder()
                    .code(302)
                    .addHeader("Location", elsewhere.url())
                    .build());
            UUID id = cluster.createIn(1, receiver.url());

            Timer timer = awaitFinal(id);

            assertThat(timer.status()).isEqualTo(TimerStatus.FAILED);
            assertThat(timer.lastError()).startsWith("HTTP 302");
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    @Test
    void aTargetThatHangsTimesOutWellWithinTheLeaseAndIsRetried() {
        receiver.thenRespond(
                new MockResponse.Builder().headersDelay(60, TimeUnit.SECONDS).build());
        UUID id = cluster.createIn(1, receiver.url());

        Timer timer = awaitFinal(id);

        assertThat(timer.status()).isEqualTo(TimerStatus.DELIVERED);
        Attempt hung = timer.attempts().getFirst();
        assertThat(hung.error()).startsWith("timed out");
        assertThat(hung.duration()).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void retriesRunOutIntoFailedWithEveryAttemptAndANoticeForOperators() {
        receiver.thenRespond(status(503), status(503), status(503));
        UUID id = cluster.createIn(1, receiver.url());

        Timer timer = awaitFinal(id);

        assertThat(timer.status()).isEqualTo(TimerStatus.FAILED);
        assertThat(timer.attempts()).extracting(Attempt::statusCode).containsExactly(503, 503, 503);
        assertThat(timer.lastError()).isEqualTo("gave up after 3 attempts: HTTP 503");
        var rabbit = cluster.api().getBean(RabbitTemplate.class);
        String deadQueue = cluster.api().getBean(TopologyNames.class).deadQueue();
        List<String> notices = new ArrayList<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            var notice = rabbit.receive(deadQueue, 200);
            if (notice != null) {
                notices.add(new String(notice.getBody(), StandardCharsets.UTF_8));
            }
            return notices.stream().anyMatch(n -> n.contains(id.toString()));
        });
        assertThat(notices)
                .filteredOn(n -> n.contains(id.toString()))
                .singleElement()
                .asString()
                .contains("gave up after 3 attempts");
    }

    private Timer awaitFinal(UUID id) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> repository.find(id).orElseThrow().status().isFinal());
        return repository.find(id).orElseThrow();
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).build();
    }
}
