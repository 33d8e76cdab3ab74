package dev.timers.core.targets;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork.IPAddressGenerator;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/** Reading hosts and addresses the way clients do, so that no notation slips past the guard. */
final class Addresses {

    /**
     * Every IPv4 notation {@code inet_aton} accepts (and so the system resolver, and browsers): one to four
     * parts, each decimal, {@code 0x} hex or {@code 0} octal ({@code 2852039166}, {@code 0xA9FEA9FE},
     * {@code 0251.0376.0251.0376}, {@code 127.1}), and IPv6 with or without an embedded IPv4 or a zone. No
     * prefixes, masks, wildcards or ranges: those are not hosts.
     */
    private static final IPAddressStringParameters LENIENT = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowPrefix(false)
            .allowMask(false)
            .allowSingleSegment(true)
            .allowWildcardedSeparator(false)
            .setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE)
            .getIPv4AddressParametersBuilder()
            .allow_inet_aton(true)
            .getParentBuilder()
            .toParams();

    private static final IPAddressGenerator GENERATOR = new IPAddressGenerator();

    private Addresses() {}

    /**
     * A URL's host as it is compared and resolved: without IPv6 brackets and a trailing dot, in lower case.
     */
    static String normalize(String host) {
        String name = host.strip();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        // A URL writes an IPv6 zone's "%" as "%25".
        name = name.replace("%25", "%");
        if (name.endsWith(".") && name.length() > 1) {
            name = name.substring(0, name.length() - 1);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** The address a host names literally, in any notation, or empty when it is a name to resolve. */
    static Optional<IPAddress> literal(String normalizedHost) {
        return Optional.ofNullable(new IPAddressString(normalizedHost, LENIENT).getAddress());
    }

    static IPAddress of(InetAddress address) {
        return GENERATOR.from(address);
    }
}
