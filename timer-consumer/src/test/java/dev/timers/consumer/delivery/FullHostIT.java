package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.ScriptedTarget;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A timer whose host has no free place waits for one, on the real broker and store: it comes round again every
 * host-busy delay, only its first turn away costs store writes (a claim and its giving back), and copies of its
 * wake-up are dropped instead of going round beside it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "timers.consumer.delivery.per-host-max-in-flight=1",
            "timers.consumer.delivery.host-busy-delay=300ms",
            "timers.webhooks.signing-secrets="
        })
class FullHostIT {

    private static final Duration CALL = Duration.ofSeconds(6);

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final ScriptedTarget slowHost = ScriptedTarget.start("127.0.0.7", ScriptedTarget.after(CALL, 200));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
    }

    @AfterAll
    static void cleanUp() {
        slowHost.close();
        infrastructure.close();
    }

    @Autowired
    TimerRepository repository;

    @Autowired
    DelayedPublisher publisher;

    @Autowired
    MeterRegistry meters;

    @Test
    void aTimerWaitingForAPlaceAtItsHostComesRoundAgainWithoutWritingToTheStoreAndItsCopiesAreDropped() {
        Timer first = dueNow(slowHost.url());
        Timer second = dueNow(slowHost.url());
        long versionAtStart = repository.find(second.id()).orElseThrow().version();
        double turnedAwayBefore = turnedAwayForAFullHost();
        var secondsWakeUp = new DueTimerMessage(second.id(), second.fireAt());

        takeTheHostsOnlyPlace(first);
        publisher.publish(secondsWakeUp);
        await().atMost(Duration.ofSeconds(5)).until(() -> turnedAwayForAFullHost() > turnedAwayBefore);
        // Copies of its wake-up, as a rescue or a repeated publish would make them, while it waits.
        for (int copy = 0; copy < 3; copy++) {
            publisher.publish(secondsWakeUp);
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> repository.find(second.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        assertThat(repository.find(first.id()).orElseThrow().status()).isEqualTo(TimerStatus.DELIVERED);
        // The second timer was turned away every 300-450 ms while the first call held the host's only place
        // (about 15 times in 6 s): not less, or it did not wait, and not much more, or the copies went round too
        // or its wake-ups came back early.
        assertThat(turnedAwayForAFullHost() - turnedAwayBefore).isBetween(5.0, 25.0);
        // The store saw one claim given back, then the claim and the outcome that delivered it.
        assertThat(repository.find(second.id()).orElseThrow().version() - versionAtStart)
                .isEqualTo(4);
        assertThat(slowHost.receivedFor(second.id())).hasSize(1);
    }

    @Test
    void aWaitingTimerMovedToAnotherTimeIsWokenByItsNewWakeUpNotTakenForACopy() {
        Timer first = dueNow(slowHost.url());
        Timer second = dueNow(slowHost.url());
        double turnedAwayBefore = turnedAwayForAFullHost();

        takeTheHostsOnlyPlace(first);
        publisher.publish(new DueTimerMessage(second.id(), second.fireAt()));
        await().atMost(Duration.ofSeconds(5)).until(() -> turnedAwayForAFullHost() > turnedAwayBefore);
        // Its client moves it while it waits: the wake-up for the new time is the one that counts now.
        Instant moved = Instant.now().plusMillis(200).truncatedTo(ChronoUnit.MILLIS);
        repository.changeFireTime(second.id(), moved, true).orElseThrow();
        publisher.publish(new DueTimerMessage(second.id(), moved));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> repository.find(second.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        Timer delivered = repository.find(second.id()).orElseThrow();
        // Fired by the broker's wake-ups, not left to the rescuer (whose sweep would count a rescue).
        assertThat(delivered.rescues()).isZero();
        assertThat(delivered.fireAt()).isEqualTo(moved);
        assertThat(slowHost.receivedFor(second.id())).hasSize(1);
    }

    /** Starts the call of {@code timer}, which holds the slow host's only place for six seconds. */
    private void takeTheHostsOnlyPlace(Timer timer) {
        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !slowHost.receivedFor(timer.id()).isEmpty());
    }

    private double turnedAwayForAFullHost() {
        var held =
                meters.find("timers.delivery.held").tag("reason", "host_busy").counter();
        return held == null ? 0 : held.count();
    }

    private Timer dueNow(URI url) {
        Instant now = Instant.now();
        Timer timer = Timer.schedule(url, now, now);
        repository.create(timer, true);
        return timer;
    }
}
