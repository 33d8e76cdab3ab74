package dev.timers.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/** Checks that a target is an absolute http(s) URL with a host, and nothing that hides where it goes. */
final class TargetUrl {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private TargetUrl() {}

    static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid("it is not a valid URL (" + e.getReason() + ")");
        }
        if (!uri.isAbsolute()
                || uri.getScheme() == null
                || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw invalid("it must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("it must name a host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535 || uri.getRawAuthority().endsWith(":")) {
            throw invalid("its port must be between 1 and 65535");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("credentials in the URL are not accepted; send them as headers");
        }
        return uri;
    }

    private static InvalidTimerException invalid(String why) {
        return new InvalidTimerException("url", "url: " + why);
    }
}
