package dev.timers.api;

import dev.timers.api.TimerResponses.Page;
import dev.timers.api.TimerResponses.View;
import dev.timers.api.auth.Caller;
import dev.timers.core.timer.TimerStatus;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The timers of the calling owner: create, read, list, reschedule, replay, cancel. Each method takes the
 * {@link Caller}; a timer of another owner is not found. What clients are told of each is in {@link TimersApi}.
 */
@RestController
@RequestMapping("/timers")
class TimerController implements TimersApi {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on the answer to a create that repeated an earlier one with the same key. */
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int DEFAULT_PAGE_SIZE = 50;

    private final NewTimers newTimers;
    private final TimerScheduler scheduler;
    private final TimerChanges changes;
    private final OwnedTimers owned;
    private final TimerListing listing;
    private final FireTimes fireTimes;
    private final Clock clock;

    TimerController(
            NewTimers newTimers,
            TimerScheduler scheduler,
            TimerChanges changes,
            OwnedTimers owned,
            TimerListing listing,
            FireTimes fireTimes,
            Clock clock) {
        this.newTimers = newTimers;
        this.scheduler = scheduler;
        this.changes = changes;
        this.owned = owned;
        this.listing = listing;
        this.fireTimes = fireTimes;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Override
    public ResponseEntity<View> create(
            Caller caller,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody CreateTimerRequest request) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw new InvalidTimerException(
                    IDEMPOTENCY_KEY, IDEMPOTENCY_KEY + ": 1 to 255 printable ASCII characters, without spaces");
        }
        var draft = newTimers.read(request);
        if (key == null) {
            return created(View.of(scheduler.schedule(caller, draft), clock.instant()));
        }
        return switch (scheduler.schedule(caller, draft, key, RequestFingerprint.of(request))) {
            case TimerScheduler.Creation.Created created -> created(View.of(created.timer(), clock.instant()));
            case TimerScheduler.Creation.Repeated repeated ->
                ResponseEntity.ok()
                        .header(IDEMPOTENT_REPLAYED, "true")
                        .body(View.of(repeated.timer(), clock.instant()));
        };
    }

    @GetMapping
    @Override
    public Page list(
            Caller caller,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return listing.page(
                caller,
                Optional.ofNullable(status).map(TimerController::status),
                limit == null ? DEFAULT_PAGE_SIZE : limit,
                Optional.ofNullable(cursor).map(ListCursor::decode));
    }

    @GetMapping("/{id}")
    @Override
    public View get(Caller caller, @PathVariable String id) {
        return View.of(owned.require(caller, TimerIds.parse(id)), clock.instant());
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Override
    public View reschedule(Caller caller, @PathVariable String id, @RequestBody TimeRequest time) {
        var timerId = TimerIds.parse(id);
        var violations = new Violations();
        var fireAt = fireTimes.fireAt(time, violations);
        violations.throwIfAny();
        return View.of(changes.reschedule(caller, timerId, fireAt), clock.instant());
    }

    @PostMapping("/{id}/replay")
    @Override
    public View replay(Caller caller, @PathVariable String id) {
        return View.of(changes.replay(caller, TimerIds.parse(id)), clock.instant());
    }

    @DeleteMapping("/{id}")
    @Override
    public ResponseEntity<Void> cancel(Caller caller, @PathVariable String id) {
        changes.cancel(caller, TimerIds.parse(id));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<View> created(View view) {
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(view.id())
                .toUri();
        return ResponseEntity.status(HttpStatus.CREATED).location(location).body(view);
    }

    private static TimerStatus status(String status) {
        return Arrays.stream(TimerStatus.values())
                .filter(candidate -> candidate.name().equals(status))
                .findFirst()
                .orElseThrow(() ->
                        new InvalidTimerException("status", "status: one of " + Arrays.toString(TimerStatus.values())));
    }
}
