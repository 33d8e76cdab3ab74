package dev.timers.core.targets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses it stands for. The target guard asks this, never the JDK directly, so
 * that tests can make any name resolve to any address without a real DNS.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * @return every address the name resolves to, never empty
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
