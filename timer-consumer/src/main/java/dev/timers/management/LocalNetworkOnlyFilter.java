package dev.timers.management;

import dev.timers.core.net.LocalNetwork;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The consumer's management port, without Spring Security: a caller on the local network ({@link LocalNetwork},
 * the rule the API's management port applies too) is a known principal, so it sees health details and metrics
 * ({@code show-details: when-authorized}); anyone else gets the health status and its probes alone, and 403
 * problem+json for everything else.
 */
public final class LocalNetworkOnlyFilter extends OncePerRequestFilter {

    static final String FORBIDDEN = "{\"type\":\"urn:timers:problem:forbidden\",\"title\":\"Forbidden\","
            + "\"status\":403,\"detail\":\"Only the health status is served outside the local network.\"}";

    private static final Principal LOCAL_NETWORK = () -> "local-network";

    private final String healthPath;

    /** @param basePath the actuator's base path on the management port ({@code management.endpoints.web.base-path}) */
    public LocalNetworkOnlyFilter(String basePath) {
        this.healthPath =
                (basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath) + "/health";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (LocalNetwork.isLocal(request.getRemoteAddr())) {
            chain.doFilter(new LocalNetworkRequest(request), response);
            return;
        }
        // The decoded, normalized path (no "..", no ";params"), not the raw request URI.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals(healthPath) || path.startsWith(healthPath + "/")) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(FORBIDDEN.getBytes(StandardCharsets.UTF_8));
    }

    /** A request whose caller is known for where it connects from. */
    private static final class LocalNetworkRequest extends HttpServletRequestWrapper {

        LocalNetworkRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return LOCAL_NETWORK;
        }
    }
}
