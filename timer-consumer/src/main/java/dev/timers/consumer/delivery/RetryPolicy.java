package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * When to call again after a retryable failure: exponential backoff with full jitter (a random wait between
 * zero and {@code base * 2^(n-1)}, capped), so that many timers failing together do not come back together.
 * A {@code Retry-After} from the target wins when it asks for longer, up to the cap.
 */
@Component
class RetryPolicy {

    private final ConsumerProperties.Retry settings;
    private final Supplier<RandomGenerator> random;

    /** Each listener thread draws from its own generator: the default one is not safe to share. */
    @Autowired
    RetryPolicy(ConsumerProperties properties) {
        this(properties.retry(), ThreadLocalRandom::current);
    }

    RetryPolicy(ConsumerProperties.Retry settings, Supplier<RandomGenerator> random) {
        this.settings = settings;
        this.random = random;
    }

    /**
     * @param attemptsMade calls made so far, the one that just failed included
     * @return when to call next, or empty when no attempt is left
     */
    Optional<Instant> next(int attemptsMade, Optional<Duration> retryAfter, Instant now) {
        if (attemptsMade >= settings.maxAttempts()) {
            return Optional.empty();
        }
        Duration ceiling = exponential(attemptsMade);
        Duration jittered = Duration.ofMillis(random.get().nextLong(ceiling.toMillis() + 1));
        Duration wait = retryAfter
                .map(asked -> asked.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : asked)
                .filter(asked -> asked.compareTo(jittered) > 0)
                .orElse(jittered);
        return Optional.of(now.plus(wait));
    }

    private Duration exponential(int attemptsMade) {
        int doublings = Math.min(attemptsMade - 1, 40);
        Duration ceiling = settings.baseDelay().multipliedBy(1L << doublings);
        return ceiling.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : ceiling;
    }
}
