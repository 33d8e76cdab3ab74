package dev.timers.core.timer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a timer retries after a retryable failure: by the consumer's schedule, by the consumer's schedule cut or
 * stretched to a number of calls, or by a schedule of the timer's own.
 */
public sealed interface RetryRule {

    /** The consumer's schedule, as it is. */
    RetryRule CONSUMER_DEFAULT = new ConsumerDefault();

    /** The schedule this timer follows, given the consumer's. */
    RetrySchedule resolve(RetrySchedule consumerDefault);

    /** The consumer's schedule. */
    record ConsumerDefault() implements RetryRule {

        @Override
        public RetrySchedule resolve(RetrySchedule consumerDefault) {
            return consumerDefault;
        }
    }

    /**
     * The consumer's waits, but {@code maxAttempts} calls in all: fewer waits when that is less than the
     * consumer's, its last wait repeated when it is more.
     */
    record MaxAttempts(int maxAttempts) implements RetryRule {

        public MaxAttempts {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("A timer makes at least one call, not " + maxAttempts);
            }
        }

        @Override
        public RetrySchedule resolve(RetrySchedule consumerDefault) {
            List<Duration> waits = consumerDefault.delays();
            List<Duration> own = new ArrayList<>(waits.subList(0, Math.min(waits.size(), maxAttempts - 1)));
            Duration last = waits.isEmpty() ? Duration.ofSeconds(5) : waits.getLast();
            while (own.size() < maxAttempts - 1) {
                own.add(last);
            }
            return new RetrySchedule(own);
        }
    }

    /** A schedule of the timer's own. */
    record Own(RetrySchedule schedule) implements RetryRule {

        @Override
        public RetrySchedule resolve(RetrySchedule consumerDefault) {
            return schedule;
        }
    }
}
