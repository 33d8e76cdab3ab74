package dev.timers.core.targets;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The targets an operator lets through although their addresses are not public ({@code
 * timers.targets.allowed-hosts}): a host name ({@code hooks.internal}), a host and port ({@code
 * hooks.internal:8443}, {@code [fd00::5]:8080}), or an address block ({@code 10.1.0.0/16}, {@code 10.1.2.3},
 * {@code fd00::/8}). Only these open link-local addresses.
 */
public final class AllowedHosts {

    private static final Pattern HOST_AND_PORT = Pattern.compile("^(\\[[^\\]]+\\]|[^:\\[\\]]+):(\\d{1,5})$");

    /** A host, optionally only on one port; {@code host} is normalized (and canonical when it is an address). */
    private record Name(String host, OptionalInt port) {
        boolean matches(String otherHost, int otherPort) {
            return host.equals(otherHost) && (port.isEmpty() || port.getAsInt() == otherPort);
        }
    }

    private final List<Name> names;
    private final List<IPAddress> blocks;

    private AllowedHosts(List<Name> names, List<IPAddress> blocks) {
        this.names = List.copyOf(names);
        this.blocks = List.copyOf(blocks);
    }

    /**
     * @throws IllegalArgumentException naming the first entry that is none of the three forms
     */
    public static AllowedHosts parse(List<String> entries) {
        var names = new ArrayList<Name>();
        var blocks = new ArrayList<IPAddress>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            IPAddress block = new IPAddressString(entry).getAddress();
            if (block != null) {
                blocks.add(block.toPrefixBlock());
                continue;
            }
            Matcher hostAndPort = HOST_AND_PORT.matcher(entry);
            if (hostAndPort.matches()) {
                int port = Integer.parseInt(hostAndPort.group(2));
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("allowed-hosts entry '" + entry + "': port out of range");
                }
                names.add(new Name(canonical(hostAndPort.group(1), entry), OptionalInt.of(port)));
                continue;
            }
            names.add(new Name(canonical(entry, entry), OptionalInt.empty()));
        }
        return new AllowedHosts(names, blocks);
    }

    /** Whether a target on this host (as {@link #canonical(String)} gives it) and port is let through. */
    boolean allowsHost(String canonicalHost, int port) {
        return names.stream().anyMatch(name -> name.matches(canonicalHost, port));
    }

    /** Whether this address is in one of the allowed blocks. */
    boolean allowsAddress(IPAddress address) {
        IPAddress plain = address.isIPv6() ? address.toIPv6().removeZone() : address;
        return blocks.stream().anyMatch(block -> block.getIPVersion() == plain.getIPVersion() && block.contains(plain));
    }

    /** A host as entries and targets are compared: normalized, and an address in its canonical notation. */
    static String canonical(String host) {
        String name = Addresses.normalize(host);
        return Addresses.literal(name).map(IPAddress::toCanonicalString).orElse(name);
    }

    private static String canonical(String host, String entry) {
        String name = canonical(host);
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
            throw new IllegalArgumentException(
                    "allowed-hosts entry '" + entry + "' is not a host, host:port or address block");
        }
        return name;
    }
}
