package dev.timers.core.testing;

import dev.timers.core.targets.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A resolver whose answers the test sets: a name resolves to whatever addresses it was last given, so a test
 * can point a name at any address (or move it, as DNS rebinding does) without a real DNS. Unknown names do
 * not resolve; a name may also be made to hang.
 */
public final class ScriptedDns implements HostResolver {

    private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> lookups = new ConcurrentHashMap<>();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final AtomicInteger interrupted = new AtomicInteger();

    /** From now on {@code host} resolves to these addresses (literals, e.g. {@code "127.0.0.1"}). */
    public ScriptedDns answer(String host, String... addresses) {
        answers.put(
                host.toLowerCase(),
                Stream.of(addresses).map(ScriptedDns::literal).toList());
        return this;
    }

    /**
     * From now on a lookup of {@code host} never answers, as a name whose servers do not: it waits (a minute at
     * most) until its thread is interrupted, then fails.
     */
    public ScriptedDns hang(String host) {
        hanging.add(host.toLowerCase());
        return this;
    }

    /** How many hanging lookups were given up on, by an interrupt of their thread. */
    public int interruptedLookups() {
        return interrupted.get();
    }

    /** How often {@code host} was looked up. */
    public int lookups(String host) {
        return lookups.getOrDefault(host.toLowerCase(), 0);
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.merge(host.toLowerCase(), 1, Integer::sum);
        if (hanging.contains(host.toLowerCase())) {
            try {
                new CountDownLatch(1).await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
            throw new UnknownHostException(host + ": no answer");
        }
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
