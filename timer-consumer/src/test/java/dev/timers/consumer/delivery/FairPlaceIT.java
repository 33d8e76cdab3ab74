package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full host shared by two owners, on the real broker and store: a host with two places, both held by a busy
 * owner whose further timers go round for the host-busy delay (5 s here). A quiet owner's timer that comes then
 * is below its fair share, so the next place freed is its: it waits for one of the busy owner's calls to end
 * (0.4 s), not for the delay.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "timers.webhooks.signing-secrets=",
            "timers.consumer.delivery.per-host-max-in-flight=2",
            "timers.consumer.delivery.host-busy-delay=5s"
        })
class FairPlaceIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final SharedHost host = new SharedHost();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
    }

    @AfterAll
    static void cleanUp() {
        host.close();
        infrastructure.close();
    }

    @Autowired
    TimerRepository repository;

    @Autowired
    DelayedPublisher publisher;

    @Autowired
    MeterRegistry meters;

    @Test
    void aQuietOwnersTimerAtAFullHostTakesTheNextPlaceFreedInsteadOfGoingRound() {
        String busy = "busy-" + UUID.randomUUID();
        List<Timer> busyOnes = IntStream.range(0, 6).mapToObj(i -> dueNow(busy)).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> heldForAFullHost() > 0);

        Timer quiet = dueNow("quiet-" + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(30))
                .until(() -> repository.find(quiet.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        // Going round would have cost it the 5 s delay at least; waiting in line, one busy call of 0.4 s.
        assertThat(repository.find(quiet.id()).orElseThrow().lateness().orElseThrow())
                .isLessThan(Duration.ofMillis(2500));
        assertThat(host.calls(quiet.id())).hasSize(1);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> host.calledOnce(busyOnes.stream().map(Timer::id).toList()));
    }

    private Timer dueNow(String owner) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Timer timer = Timer.schedule(host.url("/slow"), now, now, owner);
        repository.create(timer, true);
        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt(), owner));
        return timer;
    }

    private double heldForAFullHost() {
        var held =
                meters.find("timers.delivery.held").tag("reason", "host_busy").counter();
        return held == null ? 0 : held.count();
    }
}
