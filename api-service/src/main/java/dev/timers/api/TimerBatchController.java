package dev.timers.api;

import dev.timers.api.TimerBatches.BatchRequest;
import dev.timers.api.TimerBatches.BatchResponse;
import dev.timers.api.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Many timers in one request: {@code 200} with one result per item, each the created timer (201) or its
 * problem, like a 207 multi-status answer in a plain JSON body.
 */
@RestController
@Tag(name = TimersApi.TAG)
class TimerBatchController {

    private final TimerBatches batches;

    TimerBatchController(TimerBatches batches) {
        this.batches = batches;
    }

    @Operation(
            summary = "Create many timers",
            description = """
                    Up to 100 timers (`max-batch-size`), each read and checked exactly as `POST /timers` would, \
                    and answered on its own in `results`: `201` with the timer, or its problem. The valid ones \
                    are created even when others are refused, so the answer is `200` whatever the items came to. \
                    A batch that would take the owner past its pending cap, or costs more of the key's rate \
                    limit than it has left (one request per timer), is refused whole (`429`). The timers, \
                    their bodies included, must fit in one request body of `max-body-size` (1 MB) together; \
                    a larger batch is refused whole (`413`). No `Idempotency-Key`.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = BatchRequest.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "batch",
                                                            summary = "Three timers, each in another form",
                                                            value = ApiExamples.BATCH))),
            responses = {
                @ApiResponse(responseCode = "200", description = "One result per item, in the order given."),
                @ApiResponse(responseCode = "400", ref = ProblemDocumentation.INVALID_REQUEST_RESPONSE),
                @ApiResponse(responseCode = "429", ref = ProblemDocumentation.TOO_MANY_RESPONSES)
            })
    @PostMapping(path = "/timers/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    BatchResponse create(Caller caller, @RequestBody BatchRequest batch) {
        return batches.create(caller, batch);
    }
}
