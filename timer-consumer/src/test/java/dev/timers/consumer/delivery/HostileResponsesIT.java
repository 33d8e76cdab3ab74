package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.ScriptedTarget;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Targets that answer badly: the status line decides, at most a little of the body is read, and a head that
 * never ends is a timeout. On the real broker and store, against sockets on loopback.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "timers.consumer.response-timeout=3s",
            "timers.consumer.connect-timeout=1s",
            "timers.consumer.lease=10s",
            // One retry, an hour away: the first attempt's outcome stays visible.
            "timers.consumer.retry.schedule=1h"
        })
class HostileResponsesIT {

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

    @Test
    void aTwoHundredWhoseBodyTricklesIsDeliveredWithoutWaitingForTheBody() {
        try (var target = ScriptedTarget.start("127.0.0.2", ScriptedTarget.trickling())) {
            Timer timer = fireNow(target);

            Timer delivered = awaitFinal(timer);

            assertThat(delivered.status()).isEqualTo(TimerStatus.DELIVERED);
            // The body would take 1,000 s, past the 3 s response timeout: the outcome came with the status line.
            assertThat(delivered.attempts())
                    .singleElement()
                    .satisfies(attempt -> assertThat(attempt.statusCode()).isEqualTo(200));
        }
    }

    @Test
    void aHugeBodyIsNotReadBeyondTheLimitAndTheCallIsDelivered() {
        long hundredMegabytes = 100L * 1024 * 1024;
        try (var target = ScriptedTarget.start("127.0.0.2", ScriptedTarget.flooding(hundredMegabytes))) {
            Timer timer = fireNow(target);

            Timer delivered = awaitFinal(timer);

            assertThat(delivered.status()).isEqualTo(TimerStatus.DELIVERED);
            // The client closed the connection after 8 KiB: the target's writing failed with the socket buffers'
            // worth out, not the body.
            await().atMost(Duration.ofSeconds(5)).until(() -> target.abandonedAnswers() == 1);
            assertThat(target.bytesWritten()).isLessThan(hundredMegabytes / 4);
        }
    }

    @Test
    void aResponseThatNeverEndsItsHeadTimesOutAndIsRetriedLater() {
        try (var target = ScriptedTarget.start("127.0.0.2", ScriptedTarget.unfinishedHead())) {
            Timer timer = fireNow(target);

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !repository
                            .find(timer.id())
                            .orElseThrow()
                            .attempts()
                            .isEmpty());

            Timer waiting = repository.find(timer.id()).orElseThrow();
            assertThat(waiting.status()).isEqualTo(TimerStatus.SCHEDULED);
            Attempt attempt = waiting.attempts().getFirst();
            assertThat(attempt.error()).startsWith("timed out");
            assertThat(attempt.statusCode()).isNull();
            assertThat(attempt.duration()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(8));
            assertThat(waiting.fireAt()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
        }
    }

    private Timer fireNow(ScriptedTarget target) {
        Instant now = Instant.now();
        Timer timer = Timer.schedule(target.url(), now, now);
        repository.create(timer, true);
        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));
        return timer;
    }

    private Timer awaitFinal(Timer timer) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> repository.find(timer.id()).orElseThrow().status().isFinal());
        return repository.find(timer.id()).orElseThrow();
    }
}
