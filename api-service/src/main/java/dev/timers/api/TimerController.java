package dev.timers.api;

import dev.timers.api.TimerResponses.Created;
import dev.timers.api.TimerResponses.View;
import dev.timers.api.auth.Caller;
import dev.timers.core.targets.TargetGuard;
import jakarta.validation.Valid;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The timers of the calling owner: create, read, cancel. Each method takes the {@link Caller}; a timer of
 * another owner is not found.
 */
@RestController
@RequestMapping("/timers")
class TimerController {

    private final TimerScheduler scheduler;
    private final ApiProperties properties;
    private final TargetGuard targets;
    private final Clock clock;

    TimerController(TimerScheduler scheduler, ApiProperties properties, TargetGuard targets, Clock clock) {
        this.scheduler = scheduler;
        this.properties = properties;
        this.targets = targets;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Created> create(Caller caller, @Valid @RequestBody CreateTimerRequest request) {
        var url = TargetUrl.parse(request.url(), targets);
        var delay = TimerDelay.of(request, properties.maxDelay());
        var timer = scheduler.schedule(caller, url, delay);
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(timer.id())
                .toUri();
        return ResponseEntity.created(location).body(Created.of(timer, clock.instant()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> cancel(Caller caller, @PathVariable String id) {
        scheduler.cancel(caller, TimerIds.parse(id));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}")
    View get(Caller caller, @PathVariable String id) {
        return View.of(scheduler.find(caller, TimerIds.parse(id)), clock.instant());
    }
}
