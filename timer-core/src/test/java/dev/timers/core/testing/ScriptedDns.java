package dev.timers.core.testing;

import dev.timers.core.targets.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A resolver whose answers the test sets: a name resolves to whatever addresses it was last given, so a test
 * can point a name at any address (or move it, as DNS rebinding does) without a real DNS. Unknown names do
 * not resolve.
 */
public final class ScriptedDns implements HostResolver {

    private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> lookups = new ConcurrentHashMap<>();

    /** From now on {@code host} resolves to these addresses (literals, e.g. {@code "127.0.0.1"}). */
    public ScriptedDns answer(String host, String... addresses) {
        answers.put(
                host.toLowerCase(),
                Stream.of(addresses).map(ScriptedDns::literal).toList());
        return this;
    }

    /** How often {@code host} was looked up. */
    public int lookups(String host) {
        return lookups.getOrDefault(host.toLowerCase(), 0);
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.merge(host.toLowerCase(), 1, Integer::sum);
        List<InetAddress> answer = answers.get(host.toLowerCase());
        if (answer == null) {
            throw new UnknownHostException(host + ": not in this test's DNS");
        }
        return answer;
    }

    private static InetAddress literal(String address) {
        try {
            // A literal is parsed, never looked up.
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address + " is not an address literal", e);
        }
    }
}
