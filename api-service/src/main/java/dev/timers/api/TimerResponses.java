package dev.timers.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.RetryRule;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the API answers about timers. {@code time_left} is in whole seconds, rounded up, and 0 once due. */
final class TimerResponses {

    private TimerResponses() {}

    /** One timer: the answer to a create, a read or a change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(
            UUID id,
            @JsonProperty("time_left") long timeLeft,
            TimerStatus status,
            Instant fireAt,
            String url,
            String method,
            Map<String, String> headers,
            String body,
            String contentType,
            Map<String, String> metadata,
            RetryView retry,
            OverdueView onOverdue,
            Instant createdAt,
            Instant deliveredAt,
            Long lateMs,
            String lastError,
            List<AttemptView> attempts,
            int rescues) {

        static View of(Timer timer, Instant now) {
            var request = timer.request();
            var options = timer.options();
            return new View(
                    timer.id(),
                    secondsLeft(timer, now),
                    timer.status(),
                    timer.fireAt(),
                    timer.url().toString(),
                    request.method(),
                    request.headers(),
                    request.body(),
                    request.contentType(),
                    options.metadata(),
                    RetryView.of(options.retry()),
                    options.skipLimit()
                            .map(limit -> new OverdueView(limit.toString()))
                            .orElse(null),
                    timer.createdAt(),
                    timer.deliveredAt(),
                    timer.lateness().map(Duration::toMillis).orElse(null),
                    timer.lastError(),
                    timer.attempts().stream().map(AttemptView::of).toList(),
                    timer.rescues());
        }
    }

    /** A timer's own retries, as given; absent when it follows the consumer's schedule. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RetryView(Integer maxAttempts, List<String> schedule) {

        static RetryView of(RetryRule rule) {
            return switch (rule) {
                case RetryRule.ConsumerDefault ignored -> null;
                case RetryRule.MaxAttempts max -> new RetryView(max.maxAttempts(), null);
                case RetryRule.Own own ->
                    new RetryView(
                            null,
                            own.schedule().delays().stream()
                                    .map(Duration::toString)
                                    .toList());
            };
        }
    }

    /** When set: a timer later than this is skipped. */
    record OverdueView(String skipIfLaterThan) {}

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

    /** One page of a list, newest first; {@code nextCursor} is absent on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Page(List<View> timers, String nextCursor) {}

    static long secondsLeft(Timer timer, Instant now) {
        Duration left = timer.timeLeft(now);
        return left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    }
}
