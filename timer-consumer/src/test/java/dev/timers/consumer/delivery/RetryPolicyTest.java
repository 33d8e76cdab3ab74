package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.consumer.ConsumerProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2027-01-01T09:00:00Z");
    private static final ConsumerProperties.Retry SETTINGS =
            new ConsumerProperties.Retry(5, Duration.ofSeconds(1), Duration.ofHours(1));

    /** A "random" source that always picks the top of the range, so the ceiling is visible. */
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
    void theCeilingDoublesWithEveryAttempt() {
        var policy = new RetryPolicy(SETTINGS, () -> HIGHEST);

        assertThat(policy.next(1, Optional.empty(), NOW)).contains(NOW.plusSeconds(1));
        assertThat(policy.next(2, Optional.empty(), NOW)).contains(NOW.plusSeconds(2));
        assertThat(policy.next(4, Optional.empty(), NOW)).contains(NOW.plusSeconds(8));
    }

    @Test
    void theJitterCanBeAnythingDownToZero() {
        assertThat(new RetryPolicy(SETTINGS, () -> LOWEST).next(4, Optional.empty(), NOW))
                .contains(NOW);
    }

    @Test
    void theBackoffNeverExceedsTheCap() {
        var policy = new RetryPolicy(
                new ConsumerProperties.Retry(100, Duration.ofSeconds(1), Duration.ofHours(1)), () -> HIGHEST);

        assertThat(policy.next(60, Optional.empty(), NOW)).contains(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void aLongerRetryAfterWinsUpToTheCap() {
        var policy = new RetryPolicy(SETTINGS, () -> LOWEST);

        assertThat(policy.next(1, Optional.of(Duration.ofSeconds(7)), NOW)).contains(NOW.plusSeconds(7));
        assertThat(policy.next(1, Optional.of(Duration.ofDays(2)), NOW)).contains(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void noAttemptIsLeftAfterTheLast() {
        var policy = new RetryPolicy(SETTINGS, () -> HIGHEST);

        assertThat(policy.next(4, Optional.empty(), NOW)).isPresent();
        assertThat(policy.next(5, Optional.empty(), NOW)).isEmpty();
    }
}
