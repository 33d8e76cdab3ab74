package dev.timers.api;

import dev.timers.core.targets.TargetCheck;
import dev.timers.core.targets.TargetGuard;
import dev.timers.core.targets.TargetRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Checks that a target is an absolute http(s) URL with a host, nothing that hides where it goes, and that the
 * target guard lets it be called (no address of its host may be loopback, private, link-local and the like).
 */
final class TargetUrl {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private TargetUrl() {}

    static URI parse(String url, TargetGuard guard) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid("it is not a valid URL (" + e.getReason() + ")");
        }
        if (!uri.isAbsolute()
                || uri.getScheme() == null
                || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new UnsafeTargetException(TargetRule.SCHEME, "url: it must be an absolute http or https URL");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535 || endsWithEmptyPort(uri)) {
            throw invalid("its port must be between 1 and 65535");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnsafeTargetException(
                    TargetRule.USERINFO, "url: credentials in the URL are not accepted; send them as headers");
        }
        // Before the host check below: a host java.net.URI does not read as one (127.1, 0251.0376.0251.0376) is
        // still an address to clients, and the guard names it as such. A name that does not resolve now is
        // accepted: DNS may be away for a moment, and the consumer judges the name again at every call. One
        // whose lookup does not end within the resolve timeout is refused: its addresses could not be judged,
        // and a request must not wait on a slow name server for as long as the system resolver would.
        if (guard.check(uri) instanceof TargetCheck.Refused refused && refused.rule() != TargetRule.UNRESOLVABLE) {
            String detail = refused.rule() == TargetRule.RESOLVE_TIMEOUT
                    ? refused.reason() + ", so where it leads could not be checked; try again, or use a host whose"
                            + " name servers answer promptly"
                    : refused.reason();
            throw new UnsafeTargetException(refused.rule(), "url: " + detail);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("it must name a host");
        }
        return uri;
    }

    private static boolean endsWithEmptyPort(URI uri) {
        return uri.getRawAuthority() != null && uri.getRawAuthority().endsWith(":");
    }

    private static InvalidTimerException invalid(String why) {
        return new InvalidTimerException("url", "url: " + why);
    }
}
