package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A burst larger than the consumer's share of wake-ups, on the real broker and store: the broker hands the
 * consumer 100 wake-ups at a time, in queue order, and a noisy owner's 800 come before a quiet owner's 10. The
 * noisy owner may hold only half of the 100, so the quiet owner's wake-ups are reached in the queue while the
 * burst is still being served, instead of waiting in the broker until it is.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "timers.webhooks.signing-secrets=",
            "timers.consumer.delivery.max-in-flight=100",
            "timers.consumer.delivery.per-host-max-in-flight=100"
        })
class OwnerShareIT {

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
    void aQuietOwnersWakeUpsQueuedBehindANoisyOwnersBurstAreReachedBeforeTheBurstIsServed() {
        var bursts = new OwnerBursts(repository, publisher, host);
        Instant fireAt = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
        List<UUID> noisy = bursts.create("noisy-" + UUID.randomUUID(), 800, fireAt);
        bursts.publish();
        // Published after the whole burst: behind all of it in the queue.
        List<UUID> quiet = bursts.create("quiet-" + UUID.randomUUID(), 10, fireAt);
        bursts.publish();
        assertThat(Instant.now())
                .as("every timer created and published before its fire time")
                .isBefore(fireAt);

        await().atMost(Duration.ofSeconds(120)).until(() -> host.calledOnce(noisy) && host.calledOnce(quiet));

        List<Instant> noisyCalls = bursts.firstCalls(noisy);
        Instant noisyMedian = noisyCalls.get(noisyCalls.size() / 2);
        assertThat(bursts.lastFirstCall(quiet))
                .as(
                        "the last quiet timer's call, against the burst's median call %s and last call %s",
                        noisyMedian, noisyCalls.getLast())
                .isBefore(noisyMedian);
        assertThat(sentRoundForTheirOwnersShare()).isPositive();
    }

    private double sentRoundForTheirOwnersShare() {
        var held =
                meters.find("timers.delivery.held").tag("reason", "owner_share").counter();
        return held == null ? 0 : held.count();
    }
}
