package dev.timers.api;

import dev.timers.api.TimerResponses.Created;
import dev.timers.api.TimerResponses.View;
import dev.timers.core.targets.TargetGuard;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.UUID;
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
    ResponseEntity<Created> create(@Valid @RequestBody CreateTimerRequest request) {
        var url = TargetUrl.parse(request.url(), targets);
        var delay = TimerDelay.of(request, properties.maxDelay());
        var timer = scheduler.schedule(url, delay);
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(timer.id())
                .toUri();
        return ResponseEntity.created(location).body(Created.of(timer, clock.instant()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> cancel(@PathVariable String id) {
        scheduler.cancel(TimerIds.parse(id));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}")
    View get(@PathVariable String id) {
        UUID timerId = TimerIds.parse(id);
        return scheduler
                .find(timerId)
                .map(timer -> View.of(timer, clock.instant()))
                .orElseThrow(() -> new TimerNotFoundException(timerId));
    }
}
