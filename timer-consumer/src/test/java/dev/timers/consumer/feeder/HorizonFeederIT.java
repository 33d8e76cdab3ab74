package dev.timers.consumer.feeder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.MutableClock;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.TestTimers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The feeder's sweep, called directly on a clock the test moves, against the real broker and store: what it
 * moves into the broker, and what that costs in store reads.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.rabbitmq.listener.simple.auto-startup=false",
            // Only this test's direct calls sweep.
            "timers.consumer.rescuer.interval=1h",
            "timers.consumer.feeder.interval=1h",
            "timers.consumer.backlog-sample-interval=1h",
            "timers.horizon=15m",
            "timers.webhooks.signing-secrets="
        })
@Import(HorizonFeederIT.MovedByTheTest.class)
class HorizonFeederIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final MutableClock clock = new MutableClock(Instant.now());

    @TestConfiguration
    static class MovedByTheTest {
        @Bean
        @Primary
        Clock movedByTheTest() {
            return clock;
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Autowired
    HorizonFeeder feeder;

    @Autowired
    TimerRepository repository;

    @Autowired
    MeterRegistry meters;

    @Test
    void aSweepMovesTimersAsTheyComeWithinTheHorizonAndReadsNoOtherTimer() {
        Instant start = clock.instant();
        create(200, Duration.ofDays(7), start);
        create(3, Duration.ofMinutes(20), start);
        long inBroker = infrastructure.messagesInBroker();

        double reads = itemsRead();
        feeder.sweep();
        assertThat(itemsRead() - reads).as("items read with nothing to move").isZero();
        assertThat(infrastructure.messagesInBroker()).isEqualTo(inBroker);

        clock.advance(Duration.ofMinutes(10));
        reads = itemsRead();
        feeder.sweep();

        assertThat(itemsRead() - reads).as("items read to move three").isEqualTo(3);
        assertThat(infrastructure.messagesInBroker()).isEqualTo(inBroker + 3);

        reads = itemsRead();
        feeder.sweep();
        assertThat(itemsRead() - reads).as("items read once all are moved").isZero();
        assertThat(infrastructure.messagesInBroker()).isEqualTo(inBroker + 3);
    }

    /** Timers as the API writes those beyond the horizon: left to the feeder. */
    private void create(int count, Duration delay, Instant now) {
        IntStream.range(0, count).forEach(i -> repository.create(TestTimers.dueIn(delay, now), false));
    }

    private double itemsRead() {
        return meters.get("timers.store.items.read")
                .tag("operation", "query")
                .counter()
                .count();
    }
}
