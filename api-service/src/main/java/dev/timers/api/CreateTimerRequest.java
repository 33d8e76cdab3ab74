package dev.timers.api;

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
record CreateTimerRequest(
        Long hours,
        Long minutes,
        Long seconds,
        String delay,
        String fireAt,
        String url,
        String method,
        Map<String, String> headers,
        JsonNode body,
        String contentType,
        Map<String, String> metadata,
        RetryRequest retry,
        JsonNode onOverdue) {

    /** The time, in whichever form the request gave it. */
    TimeRequest time() {
        return new TimeRequest(hours, minutes, seconds, delay, fireAt);
    }

    /** A timer's own retries: a number of calls, or a schedule of waits. */
    record RetryRequest(Integer maxAttempts, List<String> schedule) {}
}
