package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.consumer.targets.TargetHost;
import dev.timers.consumer.targets.TargetHosts;
import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.ScriptedTarget;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.timer.RetryRule;
import dev.timers.core.timer.RetrySchedule;
import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerOptions;
import dev.timers.core.timer.TimerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A client's choices for its timer, on the real broker and store against real targets on loopback: its own
 * retries (a number of calls, or a schedule of its own; a replay starts a fresh round), and a turn found later
 * than the client allows being skipped rather than made.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            // The consumer's schedule: one quick retry, then one an hour away. A timer that followed it instead
            // of its own rule would be left waiting for that hour, not FAILED.
            "timers.consumer.retry.schedule=300ms,1h",
            "timers.webhooks.signing-secrets="
        })
class TimerOptionsIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Autowired
    TimerRepository repository;

    @Autowired
    DelayedPublisher publisher;

    @Autowired
    TargetHosts targetHosts;

    @Autowired
    MeterRegistry meters;

    @Test
    void aTimerWithMaxAttemptsOfTwoIsCalledExactlyTwiceThenFails() {
        try (var target = ScriptedTarget.start("127.0.0.1", ScriptedTarget.status(503))) {
            Timer timer = fireNow(target.url(), withRetry(new RetryRule.MaxAttempts(2)));

            Timer failed = awaitStatus(timer, TimerStatus.FAILED);

            assertThat(target.receivedFor(timer.id())).hasSize(2);
            assertThat(failed.attempts()).hasSize(2);
            assertThat(failed.lastError()).isEqualTo("gave up after 2 attempts: HTTP 503");
        }
    }

    @Test
    void theMetricsCountATurnByTheTimersOwnRetriesNotTheConsumers() {
        double retriesBefore = fired("retry");
        double failuresBefore = fired("failed");
        try (var target = ScriptedTarget.start("127.0.0.1", ScriptedTarget.status(503))) {
            Timer timer = fireNow(target.url(), withRetry(new RetryRule.MaxAttempts(2)));

            awaitStatus(timer, TimerStatus.FAILED);

            // The second call was the timer's last; by the consumer's schedule it would have been a retry.
            await().atMost(Duration.ofSeconds(5)).until(() -> fired("failed") - failuresBefore == 1);
            assertThat(fired("retry") - retriesBefore).isEqualTo(1);
        }
    }

    @Test
    void aTimerWithAScheduleOfItsOwnIsCalledOncePerTurnOfItThenFails() {
        var own = new RetrySchedule(List.of(Duration.ofMillis(200), Duration.ofMillis(200)));
        try (var target = ScriptedTarget.start("127.0.0.1", ScriptedTarget.status(503))) {
            Timer timer = fireNow(target.url(), withRetry(new RetryRule.Own(own)));

            Timer failed = awaitStatus(timer, TimerStatus.FAILED);

            assertThat(target.receivedFor(timer.id())).hasSize(3);
            assertThat(failed.lastError()).isEqualTo("gave up after 3 attempts: HTTP 503");
            // Each retry waited its 200 ms (plus jitter), not the consumer's hour.
            var at = failed.attempts().stream().map(attempt -> attempt.at()).toList();
            assertThat(Duration.between(at.get(0), at.get(1)))
                    .isBetween(Duration.ofMillis(200), Duration.ofSeconds(10));
            assertThat(Duration.between(at.get(1), at.get(2)))
                    .isBetween(Duration.ofMillis(200), Duration.ofSeconds(10));
        }
    }

    @Test
    void aReplayedTimerGetsAFreshRoundOfItsRetriesWhileItsPayloadKeepsCountingEveryAttempt() {
        try (var target = ScriptedTarget.start("127.0.0.1", ScriptedTarget.status(503))) {
            Timer timer = fireNow(target.url(), withRetry(new RetryRule.MaxAttempts(2)));
            Timer failed = awaitStatus(timer, TimerStatus.FAILED);

            Timer replayed = repository.replay(failed, Instant.now(), true).orElseThrow();
            publisher.publish(new DueTimerMessage(replayed.id(), replayed.fireAt()));

            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            repository.find(timer.id()).orElseThrow().attempts().size() >= 4
                                    && repository.find(timer.id()).orElseThrow().status() == TimerStatus.FAILED);
            Timer failedAgain = repository.find(timer.id()).orElseThrow();
            assertThat(failedAgain.attempts()).hasSize(4);
            assertThat(failedAgain.lastError()).isEqualTo("gave up after 2 attempts: HTTP 503");
            assertThat(target.receivedFor(timer.id()))
                    .extracting(ScriptedTarget.Request::body)
                    .satisfiesExactly(
                            body -> assertThat(body).contains("\"attempt\":1"),
                            body -> assertThat(body).contains("\"attempt\":2"),
                            body -> assertThat(body).contains("\"attempt\":3"),
                            body -> assertThat(body).contains("\"attempt\":4"));
        }
    }

    @Test
    void aTimerFoundLaterThanItsClientAllowsIsSkippedUncalledWithItsReason() {
        try (var receiver = WebhookReceiver.start()) {
            double skippedBefore = fired("skipped");
            Timer timer = overdue(receiver.url(), Duration.ofMinutes(10), Duration.ofMinutes(5));

            Timer skipped = awaitStatus(timer, TimerStatus.SKIPPED);

            assertThat(skipped.lastError())
                    .matches("skipped: found 10m(\\d+s)? after its fire time, later than the 5m its client allows");
            assertThat(skipped.attempts()).isEmpty();
            assertThat(fired("skipped")).isGreaterThan(skippedBefore);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.received().isEmpty());
            // Not called, so it never asked its host for a place.
            assertThat(targetHosts.states())
                    .extracting(TargetHosts.HostState::host)
                    .doesNotContain(TargetHost.of(receiver.url()));
        }
    }

    @Test
    void aTimerLateButWithinItsClientsLimitIsDelivered() {
        try (var receiver = WebhookReceiver.start()) {
            Timer timer = overdue(receiver.url(), Duration.ofMinutes(10), Duration.ofHours(1));

            Timer delivered = awaitStatus(timer, TimerStatus.DELIVERED);

            assertThat(receiver.receivedFor(timer.id())).hasSize(1);
            assertThat(delivered.lateness().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        }
    }

    /** A timer whose fire time passed {@code late} ago (a stopped consumer, say), written and woken as found. */
    private Timer overdue(URI url, Duration late, Duration skipIfLaterThan) {
        Instant now = Instant.now();
        var options = new TimerOptions(Map.of(), RetryRule.CONSUMER_DEFAULT, skipIfLaterThan);
        Timer timer = Timer.schedule(
                UUID.randomUUID(),
                url,
                TargetRequest.DEFAULT,
                options,
                now.minus(late),
                now.minus(late).minusSeconds(30),
                Timer.ANONYMOUS_OWNER);
        repository.create(timer, true);
        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));
        return timer;
    }

    private Timer fireNow(URI url, TimerOptions options) {
        Instant now = Instant.now();
        Timer timer =
                Timer.schedule(UUID.randomUUID(), url, TargetRequest.DEFAULT, options, now, now, Timer.ANONYMOUS_OWNER);
        repository.create(timer, true);
        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));
        return timer;
    }

    private Timer awaitStatus(Timer timer, TimerStatus status) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == status);
        return repository.find(timer.id()).orElseThrow();
    }

    private static TimerOptions withRetry(RetryRule rule) {
        return new TimerOptions(Map.of(), rule, null);
    }

    private double fired(String outcome) {
        var counter = meters.find("timers.fired").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
