package dev.timers.api;

import dev.timers.api.TimerResponses.Page;
import dev.timers.api.TimerResponses.Summary;
import dev.timers.api.auth.Caller;
import dev.timers.core.store.OwnerTimers;
import dev.timers.core.store.TimerPage;
import dev.timers.core.timer.TimerStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Lists the caller's timers newest first, a page at a time, from the store's owner index: every timer once
 * across the pages of one walk, with no Scan. Each is a summary (no body, headers or attempts), so a page of
 * the largest size is small whatever the timers send, and many lists at once cannot fill the heap.
 */
@Service
class TimerListing {

    private final OwnerTimers timers;
    private final TimerLimits limits;
    private final Clock clock;

    TimerListing(OwnerTimers timers, ApiProperties properties, Clock clock) {
        this.timers = timers;
        this.limits = properties.limits();
        this.clock = clock;
    }

    Page page(Caller caller, Optional<TimerStatus> status, int limit, Optional<TimerPage.After> after) {
        if (limit < 1 || limit > limits.maxPageSize()) {
            throw new InvalidTimerException("limit", "limit: between 1 and " + limits.maxPageSize());
        }
        TimerPage page = timers.page(caller.owner(), status, limit, after, Math.max(limit, limits.maxListRead()));
        Instant now = clock.instant();
        return new Page(
                page.timers().stream().map(timer -> Summary.of(timer, now)).toList(),
                page.next().map(ListCursor::encode).orElse(null));
    }
}
