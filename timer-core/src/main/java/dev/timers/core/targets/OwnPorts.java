package dev.timers.core.targets;

import dev.timers.core.TimersProperties;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/**
 * The ports a service's own configuration says it listens on ({@code server.port}, {@code
 * management.server.port}) or reaches on this machine (the broker, the store), which its target guard reserves
 * beside {@code timers.targets.reserved-ports}: a timer must not be a way to call the service itself, its
 * actuator, or a broker or store that trusts loopback.
 */
final class OwnPorts {

    /** One of {@code spring.rabbitmq.addresses}: {@code host:port}, optionally {@code amqp[s]://user:pw@...}. */
    private static final Pattern ADDRESS =
            Pattern.compile("^(?:amqps?://)?(?:[^@/]*@)?(\\[[^\\]]+\\]|[^:/\\[\\]]+)(?::(\\d{1,5}))?(?:/.*)?$");

    private OwnPorts() {}

    static Set<Integer> of(Environment environment, TimersProperties properties) {
        var ports = new TreeSet<Integer>();
        add(ports, environment.getProperty("server.port", Integer.class));
        add(ports, environment.getProperty("management.server.port", Integer.class));
        String addresses = environment.getProperty("spring.rabbitmq.addresses", "");
        if (addresses.isBlank()) {
            boolean ssl = environment.getProperty("spring.rabbitmq.ssl.enabled", Boolean.class, false);
            if (isThisMachine(environment.getProperty("spring.rabbitmq.host", "localhost"))) {
                add(ports, environment.getProperty("spring.rabbitmq.port", Integer.class, ssl ? 5671 : 5672));
            }
        } else {
            for (String address : addresses.split(",")) {
                Matcher parts = ADDRESS.matcher(address.strip());
                if (parts.matches() && isThisMachine(parts.group(1))) {
                    boolean ssl = address.strip().startsWith("amqps:");
                    add(ports, parts.group(2) == null ? (ssl ? 5671 : 5672) : Integer.parseInt(parts.group(2)));
                }
            }
        }
        URI store = properties.dynamodb().endpoint();
        if (store != null && store.getHost() != null && isThisMachine(store.getHost())) {
            add(
                    ports,
                    store.getPort() != -1 ? store.getPort() : "https".equalsIgnoreCase(store.getScheme()) ? 443 : 80);
        }
        return ports;
    }

    /** Whether a configured host is this machine: {@code localhost}, or a loopback or unspecified literal. */
    static boolean isThisMachine(String host) {
        String name = Addresses.normalize(host);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        return Addresses.literal(name)
                .flatMap(AddressClass::of)
                .map(AddressClass::isThisMachine)
                .orElse(false);
    }

    private static void add(Set<Integer> ports, Integer port) {
        if (port != null && port > 0 && port <= 65535) {
            ports.add(port);
        }
    }
}
