package dev.timers.api.auth;

import dev.timers.core.net.LocalNetwork;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the management port only: a caller from this machine or the local network (see {@link LocalNetwork},
 * the rule the consumer's management port applies too) counts as authenticated, so health details and metrics are shown to
 * it (orchestrator probes, a Prometheus next to the service) and to nobody further away without a key.
 */
final class LocalNetworkFilter extends OncePerRequestFilter {

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var current = contexts.getContext().getAuthentication();
        if ((current == null || !current.isAuthenticated()) && LocalNetwork.isLocal(request.getRemoteAddr())) {
            var context = contexts.createEmptyContext();
            context.setAuthentication(new LocalNetworkCaller());
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    /** A caller trusted for where it connects from. */
    static final class LocalNetworkCaller extends AbstractAuthenticationToken {

        LocalNetworkCaller() {
            super(List.of(new SimpleGrantedAuthority("ROLE_LOCAL_NETWORK")));
            setAuthenticated(true);
        }

        @Override
        public Object getPrincipal() {
            return "local-network";
        }

        @Override
        public Object getCredentials() {
            return null;
        }
    }
}
