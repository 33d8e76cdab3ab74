package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.core.timer.RetrySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * When to call a target again after a retryable failure: the wait the schedule gives for this attempt, plus up
 * to {@code jitter} of it at random, so many timers failing together do not come back together. A {@code
 * Retry-After} from the target wins when it asks for longer, up to {@code maxRetryAfter}.
 */
@Component
class RetryPolicy {

    private final ConsumerProperties.Retry settings;
    private final RetrySchedule schedule;
    private final Supplier<RandomGenerator> random;

    /** Each thread draws from its own generator: the default one is not safe to share. */
    @Autowired
    RetryPolicy(ConsumerProperties properties) {
        this(properties.retry(), ThreadLocalRandom::current);
    }

    RetryPolicy(ConsumerProperties.Retry settings, Supplier<RandomGenerator> random) {
        this.settings = settings;
        this.schedule = settings.retrySchedule();
        this.random = random;
    }

    /** The schedule every timer follows. */
    RetrySchedule schedule() {
        return schedule;
    }

    /**
     * @param attemptsMade calls made so far, the one that just failed included
     * @return when to call next, or empty when the schedule is spent
     */
    Optional<Instant> next(int attemptsMade, Optional<Duration> retryAfter, Instant now) {
        return schedule.waitAfter(attemptsMade).map(planned -> {
            Duration jittered = planned.plusMillis(jitterOf(planned));
            Duration wait = retryAfter
                    .map(asked -> asked.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : asked)
                    .filter(asked -> asked.compareTo(jittered) > 0)
                    .orElse(jittered);
            return now.plus(wait);
        });
    }

    private long jitterOf(Duration planned) {
        long most = (long) (planned.toMillis() * settings.jitter());
        return most <= 0 ? 0 : random.get().nextLong(most + 1);
    }
}
