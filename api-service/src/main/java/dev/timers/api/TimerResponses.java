package dev.timers.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API answers about timers. {@code time_left} is in whole seconds, rounded up, and 0 once due. */
final class TimerResponses {

    private TimerResponses() {}

    /** The answer to a create. */
    record Created(UUID id, @JsonProperty("time_left") long timeLeft) {

        static Created of(Timer timer, Instant now) {
            return new Created(timer.id(), secondsLeft(timer, now));
        }
    }

    /** The answer to a read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(
            UUID id,
            @JsonProperty("time_left") long timeLeft,
            TimerStatus status,
            Instant fireAt,
            String url,
            Instant createdAt,
            Instant deliveredAt,
            Long lateMs,
            String lastError,
            List<AttemptView> attempts,
            int rescues) {

        static View of(Timer timer, Instant now) {
            return new View(
                    timer.id(),
                    secondsLeft(timer, now),
                    timer.status(),
                    timer.fireAt(),
                    timer.url().toString(),
                    timer.createdAt(),
                    timer.deliveredAt(),
                    timer.lateness().map(Duration::toMillis).orElse(null),
                    timer.lastError(),
                    timer.attempts().stream().map(AttemptView::of).toList(),
                    timer.rescues());
        }
    }

    /** One call to the target, as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttemptView(Instant at, Integer statusCode, String error, long durationMs) {

        static AttemptView of(Attempt attempt) {
            return new AttemptView(
                    attempt.at(),
                    attempt.statusCode(),
                    attempt.error(),
                    attempt.duration().toMillis());
        }
    }

    static long secondsLeft(Timer timer, Instant now) {
        Duration left = timer.timeLeft(now);
        return left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    }
}
