package dev.timers.consumer.targets;

import java.net.URI;
import java.util.Locale;

/**
 * A target host as isolation sees it: host and port, so two services on one machine are told apart, and
 * {@code http://a} and {@code http://a:80} are one.
 *
 * @param name {@code host:port}, lower case
 */
public record TargetHost(String name) {

    public static TargetHost of(URI url) {
        int port = url.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return new TargetHost(host + ":" + port);
    }

    @Override
    public String toString() {
        return name;
    }
}
