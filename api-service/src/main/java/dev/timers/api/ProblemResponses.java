package dev.timers.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem from a servlet filter, where no controller advice runs (authentication, rate
 * limits, body size). The shape matches what {@link ProblemHandler} answers.
 */
public final class ProblemResponses {

    /** The request carried no API key, or one we do not know. */
    public static final URI UNAUTHORIZED = URI.create("urn:timers:problem:unauthorized");
    /** The caller's key has used up its rate limit for now. */
    public static final URI RATE_LIMITED = URI.create("urn:timers:problem:rate-limited");
    /** The request body is larger than {@code timers.api.max-body-size}. */
    public static final URI BODY_TOO_LARGE = URI.create("urn:timers:problem:body-too-large");

    private static final JsonMapper json = JsonMapper.builder().build();

    private ProblemResponses() {}

    /** Answers {@code status} with a problem of {@code type}; the caller sets any extra headers first. */
    public static void write(HttpServletResponse response, HttpStatus status, URI type, String title, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
