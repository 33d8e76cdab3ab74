package dev.timers.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.RetryRule;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import dev.timers.core.timer.TimerSummary;
import io.swagger.v3.oas.annotations.media.Schema;
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
    @Schema(name = "Timer", description = "A timer: what it was created with, and what has become of it.")
    record View(
            @Schema(description = "The timer's id, a random UUID.", requiredMode = Schema.RequiredMode.REQUIRED)
            UUID id,

            @Schema(
                    description = "Seconds until it fires, rounded up; 0 once due.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @JsonProperty("time_left")
            long timeLeft,

            @Schema(
                    description = "`SCHEDULED` (waiting, or waiting for a retry), `FIRING` (being called),"
                            + " `DELIVERED`, `FAILED`, `SKIPPED` (later than `onOverdue` allowed; not"
                            + " called) or `CANCELLED`.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            TimerStatus status,

            @Schema(
                    description = "When it fires (or fired), to the millisecond.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Instant fireAt,

            @Schema(description = "The target.", requiredMode = Schema.RequiredMode.REQUIRED)
            String url,

            @Schema(description = "The method the target is called with.", requiredMode = Schema.RequiredMode.REQUIRED)
            String method,

            @Schema(description = "The headers the target gets.")
            Map<String, String> headers,

            @Schema(description = "The body the target gets, as sent; absent for the standard payload.")
            String body,

            @Schema(description = "The media type of a string `body`.")
            String contentType,

            @Schema(description = "Your own labels.") Map<String, String> metadata,

            @Schema(description = "This timer's own retries; absent when it follows the consumer's schedule.")
            RetryView retry,

            @Schema(description = "Absent for `FIRE`: the timer fires however late.")
            OverdueView onOverdue,

            @Schema(description = "When it was created.", requiredMode = Schema.RequiredMode.REQUIRED)
            Instant createdAt,

            @Schema(description = "When the successful call started.")
            Instant deliveredAt,

            @Schema(description = "How long after its fire time the successful call started, in milliseconds.")
            Long lateMs,

            @Schema(description = "What went wrong last, or why it was skipped.")
            String lastError,

            @Schema(
                    description = "Every call to the target, oldest first.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            List<AttemptView> attempts,

            @Schema(
                    description = "How often the rescuer had to wake the timer.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
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

    /**
     * One timer as a list shows it: everything but its body, headers and attempts, so a page's size does not
     * depend on what the timers send. {@code GET /timers/{id}} shows the rest.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "TimerSummary",
            description = "A timer as a list shows it: no body, headers or attempts (read the timer by id for those).")
    record Summary(
            @Schema(description = "The timer's id.", requiredMode = Schema.RequiredMode.REQUIRED)
            UUID id,

            @Schema(
                    description = "Seconds until it fires, rounded up; 0 once due.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @JsonProperty("time_left")
            long timeLeft,

            @Schema(description = "As on the timer.", requiredMode = Schema.RequiredMode.REQUIRED)
            TimerStatus status,

            @Schema(description = "When it fires (or fired).", requiredMode = Schema.RequiredMode.REQUIRED)
            Instant fireAt,

            @Schema(description = "The target.", requiredMode = Schema.RequiredMode.REQUIRED)
            String url,

            @Schema(description = "The method the target is called with.", requiredMode = Schema.RequiredMode.REQUIRED)
            String method,

            @Schema(description = "Your own labels.") Map<String, String> metadata,

            @Schema(description = "When it was created.", requiredMode = Schema.RequiredMode.REQUIRED)
            Instant createdAt,

            @Schema(description = "When the successful call started.")
            Instant deliveredAt,

            @Schema(description = "How long after its fire time the successful call started, in milliseconds.")
            Long lateMs,

            @Schema(description = "What went wrong last, or why it was skipped.")
            String lastError,

            @Schema(
                    description = "How many calls were made; absent for a timer last called before the count was"
                            + " kept (its `attempts` are on the timer).")
            Integer attemptCount) {

        static Summary of(TimerSummary timer, Instant now) {
            return new Summary(
                    timer.id(),
                    roundedUp(timer.timeLeft(now)),
                    timer.status(),
                    timer.fireAt(),
                    timer.url().toString(),
                    timer.method(),
                    timer.metadata(),
                    timer.createdAt(),
                    timer.deliveredAt(),
                    timer.lateness().map(Duration::toMillis).orElse(null),
                    timer.lastError(),
                    timer.attemptCount());
        }
    }

    /** A timer's own retries, as given; absent when it follows the consumer's schedule. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Retry", description = "A number of calls (`maxAttempts`), or a schedule of waits.")
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
    @Schema(name = "OnOverdue")
    record OverdueView(
            @Schema(
                    description = "A timer found later than this after its fire time is skipped.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String skipIfLaterThan) {}

    /** One call to the target, as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Attempt", description = "One call to the target: its `statusCode`, or the `error` it ended in.")
    record AttemptView(
            @Schema(description = "When the call started.", requiredMode = Schema.RequiredMode.REQUIRED)
            Instant at,

            @Schema(description = "The target's HTTP status.")
            Integer statusCode,

            @Schema(description = "Why no status came back (timeout, refused connection, ...).")
            String error,

            @Schema(description = "How long the call took.", requiredMode = Schema.RequiredMode.REQUIRED)
            long durationMs) {

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
    @Schema(name = "TimerPage", description = "One page of timers, newest first, as summaries.")
    record Page(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<Summary> timers,

            @Schema(description = "The cursor of the next page; absent on the last page.")
            String nextCursor) {}

    static long secondsLeft(Timer timer, Instant now) {
        return roundedUp(timer.timeLeft(now));
    }

    /** Whole seconds, a started second counted as one. */
    private static long roundedUp(Duration left) {
        return left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    }
}
