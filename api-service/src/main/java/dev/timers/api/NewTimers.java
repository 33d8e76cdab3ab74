package dev.timers.api;

import dev.timers.core.targets.TargetGuard;
import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.TimerOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a create request field by field against {@link TimerLimits} and turns it into a {@link NewTimer}. Every
 * wrong field is named in one answer (400); a body for the target beyond its limit is 413.
 */
@Component
class NewTimers {

    private final TargetGuard targets;
    private final FireTimes fireTimes;
    private final TimerLimits limits;
    private final TargetHeaders headers;
    private final TimerOptionsReader options;
    private final JsonMapper json;

    NewTimers(TargetGuard targets, FireTimes fireTimes, ApiProperties properties, JsonMapper json) {
        this.targets = targets;
        this.fireTimes = fireTimes;
        this.limits = properties.limits();
        this.headers = new TargetHeaders(limits);
        this.options = new TimerOptionsReader(limits);
        this.json = json;
    }

    NewTimer read(CreateTimerRequest request) {
        if (request == null) {
            // A batch item of JSON null: refused like any other item that is not an object, not with a 500.
            throw MismatchedInputException.from(
                    (JsonParser) null, CreateTimerRequest.class, "a timer is a JSON object, not null");
        }
        var violations = new Violations();
        String body = bodyOf(request, violations);
        URI url = url(request.url(), violations);
        Instant fireAt = fireTimes.fireAt(request.time(), violations);
        String method = method(request.method(), violations);
        Map<String, String> targetHeaders = headers.read(request.headers(), violations);
        String contentType = contentType(request, body, method, violations);
        TimerOptions timerOptions = options.read(request, violations);
        violations.throwIfAny();
        return new NewTimer(
                url,
                new TargetRequest(method, targetHeaders, body, contentType),
                timerOptions,
                fireAt,
                FireTimes.formOf(request.time()));
    }

    private URI url(String url, Violations violations) {
        if (url == null || url.isBlank()) {
            violations.add("url", "url must not be blank");
            return null;
        }
        if (url.length() > limits.maxUrlLength()) {
            violations.add("url", "url: at most " + limits.maxUrlLength() + " characters, not " + url.length());
            return null;
        }
        try {
            return TargetUrl.parse(url, targets);
        } catch (InvalidTimerException e) {
            if (e instanceof UnsafeTargetException) {
                // Its own problem, with the rule it broke; checked last so that it names every other error too.
                violations.throwIfAny();
                throw e;
            }
            e.errors().forEach(error -> violations.add(error.field(), error.message()));
            return null;
        }
    }

    private static String method(String method, Violations violations) {
        if (method == null) {
            return TargetRequest.DEFAULT.method();
        }
        if (!TargetRequest.METHODS.contains(method)) {
            violations.add(
                    "method",
                    "method: '" + Violations.abbreviate(method) + "' is not one of "
                            + TargetRequest.METHODS.stream().sorted().toList());
            return TargetRequest.DEFAULT.method();
        }
        return method;
    }

    /** The body's exact text: a string as it is when it has a content type, anything else as compact JSON. */
    private String bodyOf(CreateTimerRequest request, Violations violations) {
        JsonNode body = request.body();
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        String text;
        if (request.contentType() != null) {
            if (!body.isString()) {
                violations.add("body", "body: with a contentType, the body must be a string (sent as it is)");
                return null;
            }
            text = body.stringValue();
        } else {
            text = json.writeValueAsString(body);
        }
        long size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > limits.maxTargetBodySize().toBytes()) {
            throw new TargetBodyTooLargeException(
                    size, limits.maxTargetBodySize().toBytes());
        }
        return text;
    }

    private static String contentType(CreateTimerRequest request, String body, String method, Violations violations) {
        if (body != null && method.equals("GET")) {
            violations.add("body", "body: a GET request carries no body");
        }
        if (request.contentType() == null) {
            return body == null ? null : MediaType.APPLICATION_JSON_VALUE;
        }
        if (request.body() == null || request.body().isNull()) {
            violations.add("contentType", "contentType: only a body has a content type");
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(request.contentType());
            if (type.isWildcardType()
                    || type.isWildcardSubtype()
                    || request.contentType().length() > 255) {
                throw new InvalidMediaTypeException(request.contentType(), "not a concrete media type");
            }
            return request.contentType();
        } catch (InvalidMediaTypeException e) {
            violations.add(
                    "contentType",
                    "contentType: '" + Violations.abbreviate(request.contentType())
                            + "' is not a media type such as text/plain; charset=utf-8");
            return null;
        }
    }
}
