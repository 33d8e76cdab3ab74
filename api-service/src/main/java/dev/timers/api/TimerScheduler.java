package dev.timers.api;

import dev.timers.core.TimersProperties;
import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.timer.Timer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Creates timers: the store first, because it is the truth; then, for a timer due within the horizon, a
 * message in the delayed exchange to wake a consumer on time. Later timers are moved into the exchange when
 * they enter the horizon.
 */
@Service
class TimerScheduler {

    private final TimerRepository repository;
    private final DelayedPublisher publisher;
    private final Clock clock;
    private final Duration horizon;

    TimerScheduler(TimerRepository repository, DelayedPublisher publisher, Clock clock, TimersProperties properties) {
        this.repository = repository;
        this.publisher = publisher;
        this.clock = clock;
        this.horizon = properties.horizon();
    }

    Timer schedule(URI url, Duration delay) {
        Instant now = clock.instant();
        Timer timer = Timer.schedule(url, now.plus(delay), now);
        repository.create(timer);
        if (delay.compareTo(horizon) <= 0) {
            publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));
        }
        return timer;
    }

    Optional<Timer> find(UUID id) {
        return repository.find(id);
    }
}
