package dev.timers.consumer.delivery;

import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.timer.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

/** Owners' timers due together at a {@link SharedHost}: created in the store, their wake-ups published in order. */
final class OwnerBursts {

    private final TimerRepository repository;
    private final DelayedPublisher publisher;
    private final SharedHost host;
    private final List<DueTimerMessage> wakeUps = new ArrayList<>();

    OwnerBursts(TimerRepository repository, DelayedPublisher publisher, SharedHost host) {
        this.repository = repository;
        this.publisher = publisher;
        this.host = host;
    }

    /** Creates {@code count} of {@code owner}'s timers due at {@code fireAt}; their wake-ups go out on publish. */
    List<UUID> create(String owner, int count, Instant fireAt) {
        List<UUID> ids = new ArrayList<>();
        Instant now = Instant.now();
        try (var creating = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < count; i++) {
                Timer timer = Timer.schedule(host.url("/ok"), fireAt, now, owner);
                ids.add(timer.id());
                wakeUps.add(new DueTimerMessage(timer.id(), fireAt, owner));
                creating.execute(() -> repository.create(timer, true));
            }
        }
        return ids;
    }

    /** Publishes every wake-up created so far, roughly in the order of the creates. */
    void publish() {
        try (var publishing = Executors.newFixedThreadPool(8)) {
            wakeUps.forEach(wakeUp -> publishing.execute(() -> publisher.publish(wakeUp)));
        }
        wakeUps.clear();
    }

    /** When the last of {@code ids} was first called. */
    Instant lastFirstCall(List<UUID> ids) {
        return ids.stream().map(host::firstCall).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The first calls of {@code ids}, earliest first. */
    List<Instant> firstCalls(List<UUID> ids) {
        return ids.stream().map(host::firstCall).sorted().toList();
    }
}
