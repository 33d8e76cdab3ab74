package dev.timers.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.time.Instant;
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
            String lastError) {

        static View of(Timer timer, Instant now) {
            return new View(
                    timer.id(),
                    secondsLeft(timer, now),
                    timer.status(),
                    timer.fireAt(),
                    timer.url().toString(),
                    timer.createdAt(),
                    timer.deliveredAt(),
                    timer.lastError());
        }
    }

    static long secondsLeft(Timer timer, Instant now) {
        Duration left = timer.timeLeft(now);
        return left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    }
}
