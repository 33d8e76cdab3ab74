package dev.timers.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who counts as the local network on a management port, in both services: this machine and private networks
 * (loopback, private IPv4 ranges, link-local, IPv6 unique-local). Orchestrator probes and a Prometheus next to
 * the service connect from there; nobody further away does.
 */
public final class LocalNetwork {

    private LocalNetwork() {}

    /** Whether a connection's peer address (a literal IP, never a name) is on the local network. */
    public static boolean isLocal(String address) {
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
}
