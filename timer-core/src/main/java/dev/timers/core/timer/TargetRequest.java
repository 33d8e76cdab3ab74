package dev.timers.core.timer;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The HTTP request a timer's target receives, beside the URL: its method, the client's own headers, and the
 * body with its media type. Without a body of the client's, the target gets the standard JSON payload (for
 * methods that carry one).
 *
 * @param method POST, GET, PUT, PATCH or DELETE
 * @param headers the client's headers, sent as given (the API has refused those we set ourselves)
 * @param body the exact body text, or null for the standard payload
 * @param contentType the body's media type; null exactly when {@code body} is
 */
public record TargetRequest(String method, Map<String, String> headers, String body, String contentType) {

    /** What a timer sends when its client said nothing: a POST of the standard payload. */
    public static final TargetRequest DEFAULT = new TargetRequest("POST", Map.of(), null, null);

    public TargetRequest {
        Objects.requireNonNull(method, "method");
        // Sorted, so that the same request is stored and compared the same way whatever order it came in.
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
        if ((body == null) != (contentType == null)) {
            throw new IllegalArgumentException("A body needs a content type, and only a body has one");
        }
    }

    /** The client's own body, if it gave one. */
    public Optional<String> ownBody() {
        return Optional.ofNullable(body);
    }

    /** Whether a request without a body of the client's carries the standard payload: not for GET or DELETE. */
    public boolean carriesStandardPayload() {
        return body == null && !method.equals("GET") && !method.equals("DELETE");
    }
}
