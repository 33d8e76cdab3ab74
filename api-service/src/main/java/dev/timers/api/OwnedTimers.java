package dev.timers.api;

import dev.timers.api.auth.Caller;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.timer.Timer;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one place that finds a caller's timer: another owner's timer is answered exactly like one that does not
 * exist (404), so an id reveals nothing about timers that are not the caller's. Every endpoint that takes a
 * timer id goes through here.
 */
@Component
class OwnedTimers {

    private final TimerRepository repository;

    OwnedTimers(TimerRepository repository) {
        this.repository = repository;
    }

    /** The caller's timer with this id, or {@link TimerNotFoundException}. */
    Timer require(Caller caller, UUID id) {
        return repository
                .find(id)
                .filter(timer -> timer.isOwnedBy(caller.owner()))
                .orElseThrow(() -> new TimerNotFoundException(id));
    }
}
