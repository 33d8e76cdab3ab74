package dev.timers.core;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How the services log. {@code LOG_FORMAT=json} switches both services to one JSON object per log line
 * (Elastic Common Schema, with the MDC's {@code timerId}), for log shippers; anything else keeps Spring's
 * human-readable lines. An explicit {@code logging.structured.format.console} still wins. {@link #url} is how
 * every log line shows a target URL.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    /**
     * A target URL as logs show it: scheme, host, port (when given) and path, never the user info, query or
     * fragment, where clients put tokens ({@code ?token=...}). The path is shown as it was written
     * (percent-encoded), with any control or non-ASCII character escaped, so that it cannot forge log lines.
     */
    public static String url(URI url) {
        if (url == null) {
            return "(none)";
        }
        var shown = new StringBuilder();
        if (url.getScheme() != null) {
            shown.append(url.getScheme()).append("://");
        }
        String host = url.getHost();
        if (host == null && url.getRawAuthority() != null) {
            // A host java.net.URI does not read as one (127.1): the authority, without anything before an "@".
            String authority = url.getRawAuthority();
            host = authority.substring(authority.lastIndexOf('@') + 1);
        } else if (host != null && url.getPort() != -1) {
            host = host + ":" + url.getPort();
        }
        shown.append(host == null ? "" : host);
        shown.append(url.getRawPath() == null ? "" : url.getRawPath());
        return escaped(shown);
    }

    private static String escaped(CharSequence text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c >= 0x7f) {
                for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("%%%02X", b & 0xff));
                }
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("json".equalsIgnoreCase(environment.getProperty("LOG_FORMAT", ""))
                && !environment.containsProperty(STRUCTURED_CONSOLE)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource("timersLogFormat", Map.of(STRUCTURED_CONSOLE, "ecs")));
        }
    }
}
