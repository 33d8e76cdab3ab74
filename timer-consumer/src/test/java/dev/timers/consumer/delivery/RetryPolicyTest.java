package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.core.testing.TestTimers;
import dev.timers.core.timer.RetryRule;
import dev.timers.core.timer.RetrySchedule;
import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2027-01-01T09:00:00Z");
    private static final ConsumerProperties.Retry SETTINGS = new ConsumerProperties.Retry(
            List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30)), 0.2, Duration.ofHours(1));

    /** A "random" source that always picks the top of the range, so the most jitter is visible. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private static final RandomGenerator LOWEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    };

    @Test
    void eachRetryWaitsWhatTheScheduleSaysForItsAttempt() {
        var policy = new RetryPolicy(SETTINGS, () -> LOWEST);

        assertThat(policy.next(claimedAfter(0), Optional.empty(), NOW)).contains(NOW.plusSeconds(5));
        assertThat(policy.next(claimedAfter(1), Optional.empty(), NOW)).contains(NOW.plus(Duration.ofMinutes(5)));
        assertThat(policy.next(claimedAfter(2), Optional.empty(), NOW)).contains(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void jitterAddsUpToItsFractionAndNeverShortensTheWait() {
        var policy = new RetryPolicy(SETTINGS, () -> HIGHEST);

        assertThat(policy.next(claimedAfter(1), Optional.empty(), NOW)).contains(NOW.plus(Duration.ofMinutes(6)));
    }

    @Test
    void aLongerRetryAfterWinsUpToItsCapAndAShorterOneChangesNothing() {
        var policy = new RetryPolicy(SETTINGS, () -> LOWEST);

        assertThat(policy.next(claimedAfter(0), Optional.of(Duration.ofSeconds(70)), NOW))
                .contains(NOW.plusSeconds(70));
        assertThat(policy.next(claimedAfter(0), Optional.of(Duration.ofDays(2)), NOW))
                .contains(NOW.plus(Duration.ofHours(1)));
        assertThat(policy.next(claimedAfter(1), Optional.of(Duration.ofSeconds(1)), NOW))
                .contains(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void noAttemptIsLeftOnceTheScheduleIsSpent() {
        var policy = new RetryPolicy(SETTINGS, () -> HIGHEST);

        assertThat(policy.next(claimedAfter(2), Optional.empty(), NOW)).isPresent();
        assertThat(policy.next(claimedAfter(3), Optional.empty(), NOW)).isEmpty();
        assertThat(policy.consumerSchedule().maxAttempts()).isEqualTo(4);
    }

    @Test
    void aTimerWithFewerMaxAttemptsGivesUpBeforeTheConsumersScheduleIsSpent() {
        var policy = new RetryPolicy(SETTINGS, () -> LOWEST);
        var twoCalls = new TimerOptions(Map.of(), new RetryRule.MaxAttempts(2), null);

        assertThat(policy.next(claimedAfter(0, twoCalls), Optional.empty(), NOW))
                .contains(NOW.plusSeconds(5));
        assertThat(policy.next(claimedAfter(1, twoCalls), Optional.empty(), NOW))
                .isEmpty();
    }

    @Test
    void aTimerWithMoreMaxAttemptsKeepsRetryingAtTheConsumersLastWait() {
        var policy = new RetryPolicy(SETTINGS, () -> LOWEST);
        var sixCalls = new TimerOptions(Map.of(), new RetryRule.MaxAttempts(6), null);

        assertThat(policy.next(claimedAfter(4, sixCalls), Optional.empty(), NOW))
                .contains(NOW.plus(Duration.ofMinutes(30)));
        assertThat(policy.next(claimedAfter(5, sixCalls), Optional.empty(), NOW))
                .isEmpty();
    }

    @Test
    void aTimerWithItsOwnScheduleFollowsItWithTheSameJitter() {
        var policy = new RetryPolicy(SETTINGS, () -> HIGHEST);
        var own =
                new TimerOptions(Map.of(), new RetryRule.Own(new RetrySchedule(List.of(Duration.ofSeconds(10)))), null);

        assertThat(policy.next(claimedAfter(0, own), Optional.empty(), NOW)).contains(NOW.plusSeconds(12));
        assertThat(policy.next(claimedAfter(1, own), Optional.empty(), NOW)).isEmpty();
    }

    @Test
    void aReplayedTimerStartsItsScheduleAfreshWhileEarlierRoundsStayOnRecord() {
        var policy = new RetryPolicy(SETTINGS, () -> LOWEST);
        Timer spentOnce = TestTimers.afterFailedCalls(TestTimers.dueIn(Duration.ZERO, NOW), 4, 0);
        Timer replayed = TestTimers.afterFailedCalls(TestTimers.dueIn(Duration.ZERO, NOW), 4, 4);

        assertThat(policy.next(spentOnce, Optional.empty(), NOW)).isEmpty();
        assertThat(policy.next(replayed, Optional.empty(), NOW)).contains(NOW.plusSeconds(5));
        assertThat(replayed.attempts()).hasSize(4);
    }

    @Test
    void theDefaultScheduleIsStandardWebhooksSpanningMoreThanADay() {
        var policy = new RetryPolicy(defaults(), () -> LOWEST);

        assertThat(policy.consumerSchedule()).isEqualTo(RetrySchedule.STANDARD_WEBHOOKS);
        assertThat(policy.consumerSchedule().span()).isGreaterThan(Duration.ofHours(24));
        assertThat(policy.consumerSchedule().maxAttempts()).isEqualTo(8);
    }

    @Test
    void withTheDefaultScheduleAReceiverDownForAMinuteStillHasCallsLeftWhenItIsBack() {
        var policy = new RetryPolicy(defaults(), () -> HIGHEST);

        // Called at once and 5 s (+ jitter) later, both refused; the next call comes after the minute is over.
        Instant second = policy.next(claimedAfter(0), Optional.empty(), NOW).orElseThrow();
        Instant third = policy.next(claimedAfter(1), Optional.empty(), second).orElseThrow();
        assertThat(second).isBefore(NOW.plusSeconds(60));
        assertThat(third).isAfter(NOW.plusSeconds(60));
    }

    /** A timer with the consumer's retries, claimed after {@code failedCalls} calls that failed. */
    private static Timer claimedAfter(int failedCalls) {
        return claimedAfter(failedCalls, TimerOptions.DEFAULT);
    }

    private static Timer claimedAfter(int failedCalls, TimerOptions options) {
        Timer timer = Timer.schedule(
                UUID.randomUUID(), TestTimers.TARGET, TargetRequest.DEFAULT, options, NOW, NOW, Timer.ANONYMOUS_OWNER);
        return TestTimers.afterFailedCalls(timer, failedCalls, 0);
    }

    /** The retry settings as the consumer binds them when nothing is configured. */
    private static ConsumerProperties.Retry defaults() {
        return new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("timers.consumer", ConsumerProperties.class)
                .retry();
    }
}
