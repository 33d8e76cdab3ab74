package dev.timers.core.store;

import dev.timers.core.timer.TimerSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One page of an owner's timers, newest first, as a list shows them.
 *
 * @param timers the page; it may hold fewer than asked for (even none) while {@code next} is present
 * @param next where the following page starts; empty on the last page
 */
public record TimerPage(List<TimerSummary> timers, Optional<After> next) {

    public TimerPage {
        timers = List.copyOf(timers);
    }

    /**
     * The position after the last timer a page read: its creation time and id, which together are unique.
     *
     * @param createdAt the creation time of the last timer read
     * @param id its id
     */
    public record After(Instant createdAt, UUID id) {}
}
