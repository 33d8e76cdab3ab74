package dev.timers.api;

import dev.timers.core.timer.TargetRequest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the headers a timer sends of its own. Refused: the ones that belong to the connection (hop-by-hop),
 * those the HTTP client sets from the request itself ({@code Host}, {@code Content-Length}, {@code
 * Transfer-Encoding}, {@code Expect}), {@code Content-Type} (the body's {@code contentType} says it) and every
 * {@code webhook-*} header, which are ours and signed ({@link TargetRequest#isReservedHeader}). Names are HTTP
 * tokens, values printable ASCII.
 */
final class TargetHeaders {

    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7E\\t]*");

    private final TimerLimits limits;

    TargetHeaders(TimerLimits limits) {
        this.limits = limits;
    }

    Map<String, String> read(Map<String, String> headers, Violations violations) {
        if (headers == null) {
            return Map.of();
        }
        if (headers.size() > limits.maxHeaders()) {
            violations.add("headers", "headers: at most " + limits.maxHeaders() + ", not " + headers.size());
            return Map.of();
        }
        Map<String, String> accepted = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        headers.forEach((name, value) -> {
            String field = "headers." + Violations.abbreviate(name);
            String why = problemWith(name, value);
            if (why != null) {
                violations.add(field, field + ": " + why);
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                violations.add(field, field + ": given twice (header names are case-insensitive)");
            } else {
                accepted.put(name, value);
            }
        });
        return accepted;
    }

    private String problemWith(String name, String value) {
        if (name.length() > limits.maxHeaderNameLength()) {
            return "a header name may have at most " + limits.maxHeaderNameLength() + " characters";
        }
        if (!TargetRequest.isHeaderName(name)) {
            return "not a valid header name";
        }
        if (TargetRequest.isReservedHeader(name)) {
            return "set by Timers itself, not by a timer"
                    + (name.equalsIgnoreCase("content-type") ? " (give the body's contentType instead)" : "");
        }
        if (value == null) {
            return "a header needs a value (a string)";
        }
        if (value.length() > limits.maxHeaderValueLength()) {
            return "a header value may have at most " + limits.maxHeaderValueLength() + " characters";
        }
        if (!VALUE.matcher(value).matches()) {
            return "a header value may hold printable ASCII characters only (no line breaks)";
        }
        return null;
    }
}
