package dev.timers.api.auth;

import dev.timers.api.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every authenticated request against its key's bucket; over it, 429 problem+json with
 * {@code Retry-After} in whole seconds, rounded up. Other keys are not affected.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;

    RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication =
                SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Caller caller)) {
            // Not authenticated: the authorization rules answer 401 further on.
            chain.doFilter(request, response);
            return;
        }
        switch (limiter.tryAcquire(caller.keyName())) {
            case RateLimiter.Allowed allowed -> chain.doFilter(request, response);
            case RateLimiter.Limited limited -> {
                long seconds = limited.retryAfterSeconds();
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                ProblemResponses.write(
                        response,
                        HttpStatus.TOO_MANY_REQUESTS,
                        ProblemResponses.RATE_LIMITED,
                        "Too many requests",
                        "This API key has used up its rate limit; try again in " + seconds + " s.");
            }
        }
    }
}
