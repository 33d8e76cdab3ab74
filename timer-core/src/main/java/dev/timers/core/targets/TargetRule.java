package dev.timers.core.targets;

/** The rule a refused target broke; its {@link #id()} is what an API client sees in the problem. */
public enum TargetRule {
    /** Only {@code http} and {@code https}. */
    SCHEME("scheme"),
    /** No user name or password in the URL. */
    USERINFO("userinfo"),
    /** The URL must name a host. */
    HOST("host"),
    /** The port is not on {@code timers.targets.allowed-ports}. */
    PORT("port"),
    /**
     * The host name does not resolve (now): the API accepts such a target, and a call to it is a connection
     * error, retried like any other.
     */
    UNRESOLVABLE("unresolvable"),
    /**
     * The host name did not resolve within {@code timers.targets.resolve-timeout}: the API refuses such a
     * target (its addresses could not be judged), and a call to it is a connection error, retried.
     */
    RESOLVE_TIMEOUT("resolve-timeout"),
    /** The host is, or resolves to, a cloud metadata address: never called, whatever the settings. */
    CLOUD_METADATA("cloud-metadata"),
    /**
     * The host is this machine (loopback or unspecified) and the port one of Timers' own services' ports
     * ({@code timers.targets.reserved-ports} and the service's own): never called, whatever the settings.
     */
    RESERVED_PORT("reserved-port"),
    /** The host is, or resolves to, an address that is not publicly routable. */
    ADDRESS("non-public-address");

    private final String id;

    TargetRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whether the host could not be looked up (now): not a verdict on the target, so a later try may pass. */
    public boolean lookupFailed() {
        return this == UNRESOLVABLE || this == RESOLVE_TIMEOUT;
    }
}
