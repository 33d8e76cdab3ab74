package dev.timers.api;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /timers} (and of each item of a batch). Exactly one way to say when: the classic
 * {@code hours}/{@code minutes}/{@code seconds}, an ISO-8601 {@code delay}, or an ISO-8601 {@code fireAt} with
 * an offset. All but {@code url} are optional. Unknown fields, fractions and numbers in strings are refused by
 * the JSON settings of this service rather than guessed at; {@link NewTimers} checks the rest.
 *
 * @param method POST (the default), GET, PUT, PATCH or DELETE
 * @param headers headers the target gets, as given
 * @param body any JSON value, sent as JSON; or, with {@code contentType}, a string sent as it is
 * @param contentType the media type of a string {@code body}
 * @param metadata the client's own labels, shown back and never sent
 * @param retry {@code {"maxAttempts": n}} or {@code {"schedule": ["PT10S", ...]}}
 * @param onOverdue {@code "FIRE"} or {@code {"skipIfLaterThan": "PT10M"}}
 */
@Schema(description = "A new timer: when (in exactly one of three forms), and what to call.")
record CreateTimerRequest(
        @Schema(description = TimeRequest.HOURS, minimum = "0")
        Long hours,

        @Schema(description = TimeRequest.MINUTES, minimum = "0")
        Long minutes,

        @Schema(description = TimeRequest.SECONDS, minimum = "0")
        Long seconds,

        @Schema(description = TimeRequest.DELAY, example = "PT1H30M")
        String delay,

        @Schema(description = TimeRequest.FIRE_AT, format = "date-time", example = "2030-01-01T09:00:00Z")
        String fireAt,

        @Schema(
                description = "An absolute `http` or `https` URL of at most 2,048 characters, with a host"
                        + " and no user name or password, whose host is (or resolves to) only publicly"
                        + " routable addresses.",
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = 2048,
                example = "https://example.com/hook")
        String url,

        @Schema(
                description = "The method the target is called with.",
                allowableValues = {"POST", "GET", "PUT", "PATCH", "DELETE"},
                defaultValue = "POST")
        String method,

        @Schema(
                description = "Up to 20 headers, sent as given. Refused: the connection's own headers,"
                        + " `Host`, `Content-Length`, `Expect`, `Content-Type` (say `contentType`) and"
                        + " every `webhook-*` header.",
                example = "{\"X-Tenant\": \"acme\"}")
        Map<String, String> headers,

        @Schema(
                description = "Any JSON value, sent as compact JSON; or a string together with its"
                        + " `contentType`, sent byte for byte. At most 64 KiB, else `413`"
                        + " `target-body-too-large`. Without it, `POST`, `PUT` and `PATCH` send the"
                        + " standard payload.",
                types = {"object", "array", "string", "number", "integer", "boolean", "null"})
        JsonNode body,

        @Schema(description = "The media type of a string `body`.", example = "application/x-www-form-urlencoded")
        String contentType,

        @Schema(
                description = "Your own labels, up to 20 string entries (keys up to 64 characters, values"
                        + " up to 512). Shown back, listed, never sent to the target.",
                example = "{\"invoice\": \"42\"}")
        Map<String, String> metadata,

        @Schema(description = "This timer's retries instead of the consumer's schedule: one of the two fields.")
        RetryRequest retry,

        @Schema(
                description = "`\"FIRE\"` (the default: however late, it fires) or"
                        + " `{\"skipIfLaterThan\": \"PT10M\"}`: a timer found later than that after its"
                        + " fire time ends `SKIPPED` instead of being called.",
                types = {"string", "object"},
                oneOf = {OverdueFire.class, OverdueSkip.class})
        JsonNode onOverdue) {

    /** The time, in whichever form the request gave it. */
    TimeRequest time() {
        return new TimeRequest(hours, minutes, seconds, delay, fireAt);
    }

    /** A timer's own retries: a number of calls, or a schedule of waits. */
    @Schema(description = "A number of calls, or a schedule of waits.")
    record RetryRequest(
            @Schema(
                    description =
                            "1 to 20 calls in all: the consumer's waits cut short, or its last wait" + " repeated.",
                    minimum = "1",
                    maximum = "20")
            Integer maxAttempts,

            @ArraySchema(
                    arraySchema = @Schema(description = "Up to 19 waits, each from 1 s to 1 day."),
                    maxItems = 19,
                    schema = @Schema(type = "string", example = "PT10S"))
            List<String> schedule) {}

    /** For the document only: the two shapes of {@code onOverdue}. */
    @Schema(name = "OverdueFire", type = "string", allowableValues = "FIRE", description = "Fire however late.")
    private interface OverdueFire {}

    @Schema(name = "OverdueSkip", description = "Skip a timer found later than this after its fire time.")
    private record OverdueSkip(
            @Schema(
                    description = "An ISO-8601 duration.",
                    example = "PT10M",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String skipIfLaterThan) {}
}
