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
    /** The host is, or resolves to, an address that is not publicly routable. */
    ADDRESS("non-public-address");

    private final String id;

    TargetRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
