package dev.timers.consumer.feeder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.consumer.SweptByTheTest;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.MutableClock;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.TestTimers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The feeder's sweep: what it moves into the broker as time passes, and what that costs in store reads. */
@SweptByTheTest
@TestPropertySource(properties = {"timers.horizon=15m"})
class HorizonFeederIT {

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
    HorizonFeeder feeder;

    @Autowired
    TimerRepository repository;

    @Autowired
    MutableClock clock;

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
