package dev.timers.api.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the management port only: a caller from this machine or the local network (loopback, private IPv4
 * ranges, link-local, IPv6 unique-local) counts as authenticated, so health details and metrics are shown to
 * it (orchestrator probes, a Prometheus next to the service) and to nobody further away without a key.
 */
final class LocalNetworkFilter extends OncePerRequestFilter {

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var current = contexts.getContext().getAuthentication();
        if ((current == null || !current.isAuthenticated()) && isLocal(request.getRemoteAddr())) {
            var context = contexts.createEmptyContext();
            context.setAuthentication(new LocalNetwork());
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    static boolean isLocal(String address) {
        // Only literal addresses reach here (the connection's peer), so this looks nothing up.
        if (address == null || address.isBlank() || !address.matches("[0-9a-fA-F:.%\\[\\]]+")) {
            return false;
        }
        try {
            InetAddress ip = InetAddress.getByName(address);
            return ip.isLoopbackAddress()
                    || ip.isSiteLocalAddress()
                    || ip.isLinkLocalAddress()
                    || (ip.getAddress().length == 16 && (ip.getAddress()[0] & 0xfe) == 0xfc);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A caller trusted for where it connects from. */
    static final class LocalNetwork extends AbstractAuthenticationToken {

        LocalNetwork() {
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
