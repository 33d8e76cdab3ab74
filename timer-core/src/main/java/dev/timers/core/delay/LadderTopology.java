package dev.timers.core.delay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Binding.DestinationType;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;

/**
 * A delayed exchange on stock RabbitMQ, with no plugin. The delay in milliseconds is written in base
 * {@code b} as the routing key {@code dN-1. ... .d1.d0.due}. Level {@code k} is a topic exchange that routes
 * on digit {@code dk}: a non-zero digit {@code d} goes to a queue whose every message waits {@code d * b^k}
 * ms and is then dead-lettered into level {@code k-1}; a zero digit goes straight on by an
 * exchange-to-exchange binding. Level 0 leads into the due exchange.
 *
 * <p>Each queue holds a single TTL, so its head is always the first to expire: a long delay never holds up
 * a short one. On quorum queues (see {@link QueueType}) each hop is dead-lettered at-least-once. A message waits only in the queues of its non-zero digits, so it makes at most {@code levels}
 * hops.
 */
public final class LadderTopology implements DelayTopology {

    private static final String DESTINATION = "due";

    private final TopologyNames names;
    private final int base;
    private final int levels;
    private final long maxDelayMillis;
    private final long marginMillis;
    private final long stepMillis;

    /** A ladder that delivers every wake-up at its time, to the millisecond. */
    public LadderTopology(TopologyNames names, int base, int levels) {
        this(names, base, levels, Duration.ZERO);
    }

    /**
     * A ladder whose wake-ups for their fire time ({@link #routeEarly}) may leave it up to {@code early} before
     * it, for a consumer that holds each one until its time; other delays ({@link #route}) stay exact. A hop from
     * one queue to the next costs the broker a few milliseconds, and the lowest levels carry the least delay per
     * hop; so the delay is routed minus a margin (a fifth of {@code early}, for the hops that remain), rounded
     * down to whole steps of the largest power of the base that still fits. The lowest levels are then skipped,
     * and the hops that remain end before the time, not after it.
     */
    public LadderTopology(TopologyNames names, int base, int levels, Duration early) {
        if (base < 2 || base > Character.MAX_RADIX) {
            throw new IllegalArgumentException("base must be between 2 and " + Character.MAX_RADIX);
        }
        if (levels < 1 || Math.pow(base, levels) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("levels must be at least 1 and keep every queue TTL an int");
        }
        this.names = names;
        this.base = base;
        this.levels = levels;
        this.maxDelayMillis = power(base, levels) - 1;
        long earlyMillis = Math.clamp(early.toMillis(), 0, maxDelayMillis);
        this.marginMillis = earlyMillis / 5;
        long step = 1;
        while (step * base <= earlyMillis - marginMillis) {
            step *= base;
        }
        this.stepMillis = step;
    }

    @Override
    public Declarables declarables() {
        List<Declarable> declarables = new ArrayList<>();
        for (int level = 0; level < levels; level++) {
            String exchange = names.ladderExchange(level);
            String next = level == 0 ? names.dueExchange() : names.ladderExchange(level - 1);
            declarables.add(new TopicExchange(exchange, true, false));
            declarables.add(new Binding(next, DestinationType.EXCHANGE, exchange, pattern(level, 0), null));
            for (int digit = 1; digit < base; digit++) {
                String queue = names.ladderQueue(level, digitWord(digit));
                declarables.add(names.queues()
                        .deadLettering(queue, next)
                        .ttl(Math.toIntExact(digit * power(base, level)))
                        .build());
                declarables.add(new Binding(queue, DestinationType.QUEUE, exchange, pattern(level, digit), null));
            }
        }
        declarables.addAll(DueQueue.declarables(names));
        return new Declarables(declarables);
    }

    @Override
    public Route route(Duration delay) {
        return routeFor(DelayMillis.roundedUp(delay, maxDelayMillis));
    }

    @Override
    public Route routeEarly(Duration delay) {
        long wanted = DelayMillis.roundedUp(delay, maxDelayMillis);
        return routeFor(Math.max(0, wanted - marginMillis) / stepMillis * stepMillis);
    }

    private Route routeFor(long millis) {
        StringBuilder key = new StringBuilder();
        for (int level = levels - 1; level >= 0; level--) {
            long digit = (millis / power(base, level)) % base;
            key.append(digitWord((int) digit)).append('.');
        }
        key.append(DESTINATION);
        return new Route(names.ladderExchange(levels - 1), key.toString(), Map.of(), false);
    }

    @Override
    public Duration maxDelay() {
        return Duration.ofMillis(maxDelayMillis);
    }

    /** A binding pattern that matches {@code digit} at this level's place in the key and anything elsewhere. */
    private String pattern(int level, int digit) {
        StringBuilder pattern = new StringBuilder();
        for (int place = levels - 1; place >= 0; place--) {
            pattern.append(place == level ? digitWord(digit) : "*").append('.');
        }
        return pattern.append('#').toString();
    }

    private static long power(int base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result = Math.multiplyExact(result, base);
        }
        return result;
    }

    private static String digitWord(int digit) {
        return Character.toString(Character.forDigit(digit, Character.MAX_RADIX));
    }
}
