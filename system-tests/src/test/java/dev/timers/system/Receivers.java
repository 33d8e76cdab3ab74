package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.core.testing.WebhookReceiver;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Assertions about what a receiver saw. */
final class Receivers {

    private Receivers() {}

    /** Every one of {@code ids} arrived exactly once, and nothing else arrived. */
    static void sawEachExactlyOnce(WebhookReceiver receiver, Collection<UUID> ids) {
        Map<String, Long> perId = receiver.received().stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Received::webhookId, Collectors.counting()));
        Map<String, Long> expected =
                ids.stream().map(UUID::toString).collect(Collectors.toMap(Function.identity(), id -> 1L));
        assertThat(perId).isEqualTo(expected);
    }
}
