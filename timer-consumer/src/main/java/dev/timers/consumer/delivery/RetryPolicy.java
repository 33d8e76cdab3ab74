package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.core.timer.RetrySchedule;
import dev.timers.core.timer.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether, and when, to call a target again after a retryable failure: the one place that decides it for a
 * timer. The timer's own retry rule, resolved against the consumer's schedule, gives the wait for the attempt
 * just made (counted from the timer's last replay, which starts a new round); up to {@code jitter} of it is
 * added at random, so many timers failing together do not come back together. A {@code Retry-After} from the
 * target wins when it asks for longer, up to {@code maxRetryAfter}. Once the timer's schedule is spent, it
 * gives up.
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

    /** The consumer's schedule: what a timer follows unless its client chose otherwise. */
    RetrySchedule consumerSchedule() {
        return schedule;
    }

    /** The schedule {@code timer} follows: its own rule resolved against the consumer's schedule. */
    RetrySchedule scheduleOf(Timer timer) {
        return timer.options().retry().resolve(schedule);
    }

    /** Calls made in this round once the call now being judged is counted: the claim holds those before it. */
    static int callsThisRound(Timer claimed) {
        return claimed.attemptsThisRound() + 1;
    }

    /**
     * @param claimed the timer as claimed, before the call that just failed is recorded
     * @param retryAfter what the target asked for, if anything
     * @return when to call next, or empty when the timer's schedule is spent and it gives up
     */
    Optional<Instant> next(Timer claimed, Optional<Duration> retryAfter, Instant now) {
        return scheduleOf(claimed).waitAfter(callsThisRound(claimed)).map(planned -> {
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
