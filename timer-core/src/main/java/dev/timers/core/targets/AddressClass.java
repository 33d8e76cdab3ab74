package dev.timers.core.targets;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kinds of address a webhook must not reach: the clouds' metadata endpoints, and the IANA special-purpose
 * address registries (RFC 6890 and its updates). An address in none of them is publicly routable. IPv6 forms
 * that carry an IPv4 address (IPv4-mapped, IPv4-compatible, the NAT64 well-known prefix, 6to4) are judged by
 * the IPv4 address they carry, since that is where a connection to them ends up.
 */
public enum AddressClass {
    /**
     * The clouds' instance metadata and credential endpoints (AWS EC2 and ECS/EKS, GCP, Azure, Oracle, Alibaba,
     * Azure's wire server): first, so that they are named as such and not by the block they lie in. Never
     * opened, by any setting.
     */
    CLOUD_METADATA(
            "a cloud metadata address",
            false,
            "169.254.169.254/32",
            "169.254.170.2/32",
            "169.254.170.23/32",
            "100.100.100.200/32",
            "168.63.129.16/32",
            "fd00:ec2::254/128",
            "fd00:ec2::23/128",
            "fd20:ce::254/128"),
    UNSPECIFIED("an unspecified address", false, "0.0.0.0/8", "::/128"),
    LOOPBACK("a loopback address", true, "127.0.0.0/8", "::1/128"),
    PRIVATE("a private address", true, "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"),
    SHARED("a shared (carrier-grade NAT) address", true, "100.64.0.0/10"),
    UNIQUE_LOCAL("a unique local address", true, "fc00::/7"),
    LINK_LOCAL("a link-local address", false, "169.254.0.0/16", "fe80::/10"),
    MULTICAST("a multicast address", false, "224.0.0.0/4", "ff00::/8"),
    BROADCAST("the broadcast address", false, "255.255.255.255/32"),
    DOCUMENTATION(
            "a documentation address",
            false,
            "192.0.2.0/24",
            "198.51.100.0/24",
            "203.0.113.0/24",
            "2001:db8::/32",
            "3fff::/20"),
    BENCHMARK("a benchmarking address", false, "198.18.0.0/15", "2001:2::/48"),
    // Protocol assignments (Teredo, ORCHID and the like), the NAT64 local-use prefix, deprecated site-local, the
    // discard prefix and the reserved 240/4: nothing a webhook should reach.
    RESERVED(
            "a reserved address",
            false,
            "192.0.0.0/24",
            "192.88.99.0/24",
            "240.0.0.0/4",
            "100::/64",
            "2001::/23",
            "64:ff9b:1::/48",
            "fec0::/10");

    /** Outside this block there is no global unicast IPv6 today. */
    private static final IPAddress GLOBAL_UNICAST_V6 = block("2000::/3");

    private final String description;
    private final boolean openedByAllowPrivate;
    private final List<IPAddress> blocks;

    AddressClass(String description, boolean openedByAllowPrivate, String... blocks) {
        this.description = description;
        this.openedByAllowPrivate = openedByAllowPrivate;
        this.blocks = Stream.of(blocks).map(AddressClass::block).toList();
    }

    /** How a refusal names it, e.g. "a loopback address". */
    public String description() {
        return description;
    }

    /**
     * Whether {@code timers.targets.allow-private} lets targets reach it: loopback, private, shared and unique
     * local addresses, where a local stack's receivers live. Link-local (cloud metadata lives there) is never
     * opened by it, nor are addresses no receiver can have.
     */
    public boolean openedByAllowPrivate() {
        return openedByAllowPrivate;
    }

    /** Whether a connection to an address of this class reaches the machine that opens it. */
    public boolean isThisMachine() {
        return this == LOOPBACK || this == UNSPECIFIED;
    }

    /** The class of an address, or empty when it is publicly routable and no cloud metadata endpoint. */
    public static Optional<AddressClass> of(IPAddress address) {
        if (address.isIPv6()) {
            IPv6Address v6 = address.toIPv6().removeZone();
            Optional<AddressClass> own = classify(v6);
            if (own.isPresent() && (own.get() == UNSPECIFIED || own.get() == LOOPBACK)) {
                return own;
            }
            if (v6.isIPv4Mapped() || v6.isIPv4Compatible() || v6.isWellKnownIPv4Translatable()) {
                return of(v6.getEmbeddedIPv4Address());
            }
            if (v6.is6To4()) {
                return of(v6.get6To4IPv4Address());
            }
            if (own.isPresent()) {
                return own;
            }
            return GLOBAL_UNICAST_V6.contains(v6) ? Optional.empty() : Optional.of(RESERVED);
        }
        return classify(address);
    }

    private static Optional<AddressClass> classify(IPAddress address) {
        for (AddressClass candidate : values()) {
            for (IPAddress block : candidate.blocks) {
                if (block.getIPVersion() == address.getIPVersion() && block.contains(address)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static IPAddress block(String cidr) {
        return new IPAddressString(cidr).getAddress().toPrefixBlock();
    }
}
