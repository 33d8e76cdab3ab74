package dev.timers.core.targets;

import dev.timers.core.TimersProperties;
import dev.timers.core.targets.TargetCheck.Approved;
import dev.timers.core.targets.TargetCheck.Refused;
import inet.ipaddr.IPAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * {@code timers.targets.allow-private} or {@code timers.targets.allowed-hosts} says otherwise. Two rules no
 * setting opens: no address may be a cloud metadata endpoint, and no target on this machine's own addresses
 * (loopback, unspecified) may use a reserved port, where Timers' own services listen. An address written in
 * any notation ({@code 2852039166}, {@code 0xA9FEA9FE}, {@code [::ffff:169.254.169.254]}) is judged as the
 * address it is.
 *
 * <p>A refusal's reason names the rule and the kind of address, never the address a name resolved to: it
 * reaches API clients, and the network's layout is none of theirs.
 */
public final class TargetGuard {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final HostResolver resolver;
    private final boolean allowPrivate;
    private final AllowedHosts allowedHosts;
    private final Set<Integer> allowedPorts;
    private final Set<Integer> reservedPorts = ConcurrentHashMap.newKeySet();
    private final Duration resolveTimeout;
    /**
     * Platform threads, not virtual ones: the HTTP client asks for addresses on its I/O thread, and a lookup
     * waiting for one of the few carrier threads while virtual threads keep them busy would stall every
     * connection of that I/O thread. Idle threads end after a minute.
     */
    private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("target-lookup-", 0).daemon(true).factory());

    /** A guard with the settings' reserved ports only. */
    public TargetGuard(TimersProperties.Targets settings, HostResolver resolver) {
        this(settings, resolver, Set.of());
    }

    /**
     * @param ownPorts the ports this service is configured to listen on or reach on loopback, reserved beside
     *     the settings' own
     */
    public TargetGuard(TimersProperties.Targets settings, HostResolver resolver, Set<Integer> ownPorts) {
        this.resolver = resolver;
        this.allowPrivate = settings.allowPrivate();
        this.allowedHosts = AllowedHosts.parse(settings.allowedHosts());
        this.allowedPorts = Set.copyOf(settings.allowedPorts());
        this.reservedPorts.addAll(settings.reservedPorts());
        this.reservedPorts.addAll(ownPorts);
        this.resolveTimeout = settings.resolveTimeout();
    }

    /**
     * Reserves one more port: one the service listens on that only its running server knows (a random port).
     */
    public void reserve(int port) {
        if (port > 0) {
            reservedPorts.add(port);
        }
    }

    /** Every port no target on this machine's own addresses may use. */
    public SortedSet<Integer> reservedPorts() {
        return new TreeSet<>(reservedPorts);
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
            Lookup lookup = lookUp(name);
            if (lookup.refused() != null) {
                return lookup.refused();
            }
            addresses = lookup.addresses();
        }
        String is = literal.isPresent() ? "the target's host is " : "the target's host resolves to ";
        List<AddressClass> kinds = addresses.stream()
                .flatMap(address -> AddressClass.of(Addresses.of(address)).stream())
                .toList();
        if (kinds.contains(AddressClass.CLOUD_METADATA)) {
            return new Refused(
                    TargetRule.CLOUD_METADATA,
                    is + "a cloud metadata address; instance metadata is never called, whatever the settings");
        }
        if (port > 0 && reservedPorts.contains(port) && kinds.stream().anyMatch(AddressClass::isThisMachine)) {
            return new Refused(
                    TargetRule.RESERVED_PORT,
                    is + "this machine, and port " + port + " is reserved for Timers' own services; they are"
                            + " never called, whatever the settings");
        }
        if (allowedHosts.allowsHost(AllowedHosts.canonical(name), port)) {
            return new Approved(addresses);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(Addresses.of(address));
            if (refusal.isPresent()) {
                return new Refused(TargetRule.ADDRESS, is + refusal.get() + "; " + whatMayBeCalled());
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

    private String whatMayBeCalled() {
        return allowPrivate
                ? "only publicly routable addresses can be called, and here loopback, private, shared and unique"
                        + " local ones"
                : "only publicly routable addresses can be called";
    }

    /**
     * Resolves a name on a lookup thread and waits at most the resolve timeout: the system resolver has no
     * timeout of its own to set, and may wait far longer on a name whose servers do not answer. A lookup given up
     * on is interrupted; one the resolver does not let go of ends when the resolver does, holding nothing but its
     * thread.
     */
    private Lookup lookUp(String name) {
        var lookup = new FutureTask<>(() -> resolver.resolve(name));
        LOOKUPS.execute(lookup);
        try {
            List<InetAddress> addresses = lookup.get(resolveTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return addresses.isEmpty() ? Lookup.unresolvable(name) : new Lookup(addresses, null);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return new Lookup(
                    List.of(),
                    new Refused(
                            TargetRule.RESOLVE_TIMEOUT,
                            name + " did not resolve within " + resolveTimeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            return switch (e.getCause()) {
                case UnknownHostException unknown -> Lookup.unresolvable(name);
                case RuntimeException failure -> throw failure;
                case Error error -> throw error;
                default -> throw new IllegalStateException("looking up " + name + " failed", e.getCause());
            };
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            // Not a verdict: the caller is being stopped, and a later check looks the name up again.
            return Lookup.unresolvable(name);
        }
    }

    /** What a lookup gave: the addresses, or the refusal when it gave none in time. */
    private record Lookup(List<InetAddress> addresses, Refused refused) {
        static Lookup unresolvable(String name) {
            return new Lookup(List.of(), new Refused(TargetRule.UNRESOLVABLE, name + " does not resolve"));
        }
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
