package dev.timers.api;

import dev.timers.api.TimerBatches.BatchRequest;
import dev.timers.api.TimerBatches.BatchResponse;
import dev.timers.api.auth.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Many timers in one request: {@code 200} with one result per item, each the created timer (201) or its
 * problem, like a 207 multi-status answer in a plain JSON body.
 */
@RestController
class TimerBatchController {

    private final TimerBatches batches;

    TimerBatchController(TimerBatches batches) {
        this.batches = batches;
    }

    @PostMapping(path = "/timers/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    BatchResponse create(Caller caller, @RequestBody BatchRequest batch) {
        return batches.create(caller, batch);
    }
}
