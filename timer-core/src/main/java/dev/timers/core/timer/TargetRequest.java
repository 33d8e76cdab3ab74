package dev.timers.core.timer;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

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

    /** The methods a timer may ask for. */
    public static final Set<String> METHODS = Set.of("POST", "GET", "PUT", "PATCH", "DELETE");

    /**
     * Headers a client may not set: the connection's own (hop-by-hop), those the HTTP client derives from the
     * request itself, and {@code Content-Type}, which the body's {@code contentType} says. Every {@code webhook-*}
     * header is Timers' too (see {@link #isReservedHeader}).
     */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length",
            "content-type",
            "expect");

    /** An RFC 9110 token: anything else is not a header name a target could read. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

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

    /** Whether {@code name} is a header Timers or the connection sets, which a timer may not send of its own. */
    public static boolean isReservedHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return RESERVED_HEADERS.contains(lower) || lower.startsWith("webhook-");
    }

    /** Whether {@code name} is a well-formed header name (an RFC 9110 token). */
    public static boolean isHeaderName(String name) {
        return HEADER_NAME.matcher(name).matches();
    }

    /** The client's own body, if it gave one. */
    public Optional<String> ownBody() {
        return Optional.ofNullable(body);
    }

    /** Whether a request without a body of the client's carries the standard payload: not for GET or DELETE. */
    public boolean carriesStandardPayload() {
        return body == null && !method.equals("GET") && !method.equals("DELETE");
    }

    /** The header names and the body's size, never a header's value or the body: they may hold secrets. */
    @Override
    public String toString() {
        return "TargetRequest[method=" + method + ", headers=" + headers.keySet() + ", body="
                + (body == null ? "none" : body.length() + " chars of " + contentType) + "]";
    }
}
