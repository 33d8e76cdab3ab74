package dev.timers.core.targets;

import dev.timers.core.TimersProperties;
import dev.timers.core.targets.TargetCheck.Approved;
import dev.timers.core.targets.TargetCheck.Refused;
import inet.ipaddr.IPAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a webhook target may be called, so that a timer cannot be aimed at the network Timers runs
 * in (server-side request forgery). The API asks it when a timer is created; the consumer asks it again for
 * every connection it opens, with the addresses it then connects to, so a name that resolves elsewhere by
 * then (DNS rebinding) is caught.
 *
 * <p>A target must be {@code http} or {@code https}, carry no user name or password, use an allowed port, and
 * every address its host names or resolves to must be publicly routable (see {@link AddressClass}), unless
 * {@code timers.targets.allow-private} or {@code timers.targets.allowed-hosts} says otherwise. An address
 * written in any notation ({@code 2852039166}, {@code 0xA9FEA9FE}, {@code [::ffff:169.254.169.254]}) is judged
 * as the address it is.
 */
public final class TargetGuard {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final HostResolver resolver;
    private final boolean allowPrivate;
    private final AllowedHosts allowedHosts;
    private final Set<Integer> allowedPorts;

    public TargetGuard(TimersProperties.Targets settings, HostResolver resolver) {
        this.resolver = resolver;
        this.allowPrivate = settings.allowPrivate();
        this.allowedHosts = AllowedHosts.parse(settings.allowedHosts());
        this.allowedPorts = Set.copyOf(settings.allowedPorts());
    }

    /** The whole check: the URL's form, then every address of its host. */
    public TargetCheck check(URI url) {
        TargetCheck form = checkUrl(url);
        if (form instanceof Refused) {
            return form;
        }
        Authority authority = Authority.of(url).orElseThrow();
        return resolve(authority.host(), authority.port());
    }

    /** The checks that need no lookup: scheme, credentials, host present, port allowed. */
    public TargetCheck checkUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return new Refused(TargetRule.SCHEME, "only http and https targets can be called");
        }
        if (url.getRawUserInfo() != null
                || (url.getRawAuthority() != null && url.getRawAuthority().contains("@"))) {
            return new Refused(TargetRule.USERINFO, "a user name or password in the URL is not accepted");
        }
        Optional<Authority> authority = Authority.of(url);
        if (authority.isEmpty()) {
            return new Refused(TargetRule.HOST, "the URL must name a host");
        }
        int port = authority.get().port();
        if (!portAllowed(port)) {
            return new Refused(TargetRule.PORT, "port " + port + " is not one targets may use");
        }
        return new Approved(List.of());
    }

    /**
     * Resolves a host once and judges every address it gave: approved only if all of them may be called, and
     * then exactly those are what the caller may connect to.
     *
     * @param port the port the call goes to, for {@code host:port} entries of the allowed hosts and the port
     *     rule; 0 when unknown (then only port-less entries apply)
     */
    public TargetCheck resolve(String host, int port) {
        String name = Addresses.normalize(host);
        if (name.isEmpty()) {
            return new Refused(TargetRule.HOST, "the URL must name a host");
        }
        if (port > 0 && !portAllowed(port)) {
            return new Refused(TargetRule.PORT, "port " + port + " is not one targets may use");
        }
        Optional<IPAddress> literal = Addresses.literal(name);
        List<InetAddress> addresses;
        if (literal.isPresent()) {
            // A zone only picks an interface; the address is what was judged and what is connected to.
            IPAddress address = literal.get();
            addresses = List.of((address.isIPv6() ? address.toIPv6().removeZone() : address).toInetAddress());
        } else {
            try {
                addresses = resolver.resolve(name);
            } catch (UnknownHostException e) {
                return new Refused(TargetRule.UNRESOLVABLE, host + " does not resolve");
            }
            if (addresses.isEmpty()) {
                return new Refused(TargetRule.UNRESOLVABLE, host + " does not resolve");
            }
        }
        if (allowedHosts.allowsHost(AllowedHosts.canonical(name), port)) {
            return new Approved(addresses);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(Addresses.of(address));
            if (refusal.isPresent()) {
                String where = literal.isPresent()
                        ? written(host, literal.get()) + " is " + refusal.get()
                        : host + " resolves to " + address.getHostAddress() + ", " + refusal.get();
                return new Refused(TargetRule.ADDRESS, where + "; only publicly routable addresses can be called");
            }
        }
        return new Approved(addresses);
    }

    /** Whether private targets are let through (a local stack); the services warn about it at start-up. */
    public boolean allowsPrivate() {
        return allowPrivate;
    }

    private Optional<String> refusal(IPAddress address) {
        Optional<AddressClass> kind = AddressClass.of(address);
        if (kind.isEmpty() || allowedHosts.allowsAddress(address)) {
            return Optional.empty();
        }
        if (allowPrivate && kind.get().openedByAllowPrivate()) {
            return Optional.empty();
        }
        return Optional.of(kind.get().description());
    }

    /** A literal as the client wrote it, and the address it is when that is written differently. */
    private static String written(String host, IPAddress address) {
        String plain = address.isIPv6() ? address.toIPv6().removeZone().toCanonicalString() : address.toString();
        return Addresses.normalize(host).equals(plain) ? host : host + " (" + plain + ")";
    }

    private boolean portAllowed(int port) {
        return allowedPorts.isEmpty() || allowedPorts.contains(port);
    }

    /**
     * A URL's host and port (the scheme's default when none is given). {@link URI} leaves the host out when it
     * is no name it knows (such as {@code 127.1} or {@code 0251.0376.0251.0376}, which clients still read as
     * addresses), so then it is taken from the authority: such a host is judged all the same.
     */
    private record Authority(String host, int port) {

        private static final Pattern HOST_AND_PORT = Pattern.compile("^(\\[[^\\]]*\\]|[^:\\[\\]]*)(?::(\\d*))?$");

        static Optional<Authority> of(URI url) {
            int defaultPort = "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
            if (url.getHost() != null) {
                String host = url.getHost();
                return Addresses.normalize(host).isEmpty()
                        ? Optional.empty()
                        : Optional.of(new Authority(host, url.getPort() == -1 ? defaultPort : url.getPort()));
            }
            if (url.getRawAuthority() == null) {
                return Optional.empty();
            }
            Matcher parts = HOST_AND_PORT.matcher(url.getRawAuthority());
            if (!parts.matches() || Addresses.normalize(parts.group(1)).isEmpty()) {
                return Optional.empty();
            }
            String port = parts.group(2);
            if (port == null || port.isEmpty()) {
                return Optional.of(new Authority(parts.group(1), defaultPort));
            }
            int number = port.length() > 5 ? 0 : Integer.parseInt(port);
            return number < 1 || number > 65535 ? Optional.empty() : Optional.of(new Authority(parts.group(1), number));
        }
    }
}
