package dev.timers.api.auth;

import dev.timers.api.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated request with 401 problem+json and a {@code WWW-Authenticate: Bearer} challenge
 * (RFC 6750: {@code error="invalid_token"} when a key was sent but is not one we know). It never says why a
 * key was refused beyond that.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                presented ? "Bearer realm=\"timers\", error=\"invalid_token\"" : "Bearer realm=\"timers\"");
        ProblemResponses.write(
                response,
                HttpStatus.UNAUTHORIZED,
                ProblemResponses.UNAUTHORIZED,
                "Unauthorized",
                presented
                        ? "The API key is not valid; send 'Authorization: Bearer <key>' with a key you were given."
                        : "This API needs an API key: send 'Authorization: Bearer <key>'.");
    }
}
