package dev.timers.consumer.delivery;

import dev.timers.core.targets.TargetCheck.Approved;
import dev.timers.core.targets.TargetCheck.Refused;
import dev.timers.core.targets.TargetGuard;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only resolver: each connection to a target resolves its host once, through the target
 * guard, which judges every address that lookup gave; the client then connects to exactly those addresses. A
 * name that resolved to a public address when the timer was created and to an internal one now (DNS
 * rebinding) is refused here, and no other lookup sits between the check and the connect. A pooled connection
 * (kept for at most a minute) is reused only for the same host and port, and stays with the address that was
 * approved when it was opened.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final TargetGuard guard;

    GuardedDnsResolver(TargetGuard guard) {
        this.guard = guard;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return approved(host, port).stream()
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return approved(host, 0).toArray(InetAddress[]::new);
    }

    /** Never a lookup of its own: the host's name is what TLS checks the certificate against. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    private List<InetAddress> approved(String host, int port) throws UnknownHostException {
        return switch (guard.resolve(host, port)) {
            case Approved approved -> approved.addresses();
            // A lookup that failed or took too long is a connection error like any other: worth another try later.
            case Refused refused when refused.rule().lookupFailed() -> throw new UnknownHostException(refused.reason());
            case Refused refused -> throw new TargetRefusedException(refused);
        };
    }

    /** The guard refused the target: no connection was opened, and no later try would be let through either. */
    static final class TargetRefusedException extends UnknownHostException {

        private final transient Refused refusal;

        TargetRefusedException(Refused refusal) {
            super(refusal.reason());
            this.refusal = refusal;
        }

        Refused refusal() {
            return refusal;
        }
    }
}
