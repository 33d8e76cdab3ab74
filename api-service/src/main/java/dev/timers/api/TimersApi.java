package dev.timers.api;

import dev.timers.api.TimerResponses.Page;
import dev.timers.api.TimerResponses.View;
import dev.timers.api.auth.Caller;
import dev.timers.core.timer.TimerStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The OpenAPI description of the timer endpoints, kept apart from {@link TimerController} so that the controller
 * shows what it does and this shows what a client is told. springdoc reads these annotations from the interface;
 * the request mappings stay on the controller.
 */
@Tag(name = TimersApi.TAG, description = "Create, read, list, reschedule, replay and cancel timers.")
interface TimersApi {

    String TAG = "Timers";

    @Operation(
            summary = "Create a timer",
            description = """
                    Calls `url` once the time has passed. Say when in exactly one of three forms: \
                    `hours`/`minutes`/`seconds`, an ISO-8601 `delay`, or an ISO-8601 `fireAt` with an offset. \
                    Everything but `url` is optional; unknown fields are refused. The answer is the whole timer, \
                    as `GET` shows it. With an `Idempotency-Key`, the same request again within 24 h answers \
                    `200` with the timer the first one made; the same key with a different request is `422`.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = CreateTimerRequest.class),
                                            examples = {
                                                @ExampleObject(
                                                        name = "classic",
                                                        summary = "In hours, minutes and seconds",
                                                        value = ApiExamples.CLASSIC),
                                                @ExampleObject(
                                                        name = "delay",
                                                        summary = "After an ISO-8601 duration",
                                                        value = ApiExamples.DELAY),
                                                @ExampleObject(
                                                        name = "fireAt",
                                                        summary = "At an instant",
                                                        value = ApiExamples.FIRE_AT),
                                                @ExampleObject(
                                                        name = "full",
                                                        summary = "Method, headers, JSON body, metadata, retry"
                                                                + " and onOverdue",
                                                        value = ApiExamples.FULL),
                                                @ExampleObject(
                                                        name = "stringBody",
                                                        summary = "A string body with its contentType, own retry"
                                                                + " schedule",
                                                        value = ApiExamples.STRING_BODY)
                                            })),
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description = "Created: the timer.",
                        headers =
                                @Header(
                                        name = "Location",
                                        description = "The URL of the new timer.",
                                        schema = @Schema(type = "string", format = "uri")),
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = View.class))),
                @ApiResponse(
                        responseCode = "200",
                        description = "A repeat of an earlier request with the same `Idempotency-Key`: the timer"
                                + " that request made, whatever became of it since.",
                        headers =
                                @Header(
                                        name = TimerController.IDEMPOTENT_REPLAYED,
                                        description = "`true`: nothing new was created.",
                                        schema = @Schema(type = "string", allowableValues = "true")),
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = View.class))),
                @ApiResponse(responseCode = "400", ref = ProblemDocumentation.INVALID_REQUEST_RESPONSE),
                @ApiResponse(responseCode = "413", ref = ProblemDocumentation.BODY_TOO_LARGE_RESPONSES),
                @ApiResponse(responseCode = "422", ref = ProblemDocumentation.IDEMPOTENCY_KEY_REUSED_RESPONSE),
                @ApiResponse(responseCode = "429", ref = ProblemDocumentation.TOO_MANY_RESPONSES)
            })
    ResponseEntity<View> create(
            Caller caller,
            @Parameter(
                            name = TimerController.IDEMPOTENCY_KEY,
                            in = ParameterIn.HEADER,
                            description = "Makes the create safe to retry: 1 to 255 printable ASCII characters, no"
                                    + " spaces. Keys are per owner and kept 24 h.",
                            example = "invoice-42-remind",
                            schema = @Schema(type = "string", minLength = 1, maxLength = 255, pattern = "^[!-~]+$"))
                    String key,
            CreateTimerRequest request);

    @Operation(
            summary = "List timers",
            description = """
                    The caller's timers, newest first. Follow `nextCursor` until it is absent: every timer is \
                    listed once across the pages of one walk. A page may hold fewer than `limit` timers, even \
                    none, and still have a `nextCursor`. The list is eventually consistent: a timer created a \
                    moment ago may be missing; `GET /timers/{id}` is always current.""",
            responses = {
                @ApiResponse(responseCode = "200", description = "One page of timers."),
                @ApiResponse(responseCode = "400", ref = ProblemDocumentation.INVALID_REQUEST_RESPONSE)
            })
    Page list(
            Caller caller,
            @Parameter(
                            description = "Only timers in this status.",
                            schema = @Schema(implementation = TimerStatus.class))
                    String status,
            @Parameter(
                            description = "Timers per page, 1 to 500.",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
                    Integer limit,
            @Parameter(description = "The `nextCursor` of the page before; opaque.") String cursor);

    @Operation(
            summary = "Read a timer",
            description = """
                    The timer as it is now: besides what it was created with, `deliveredAt` and `lateMs`, \
                    `lastError`, `attempts` and `rescues` once they apply. `time_left` is 0 once it is due.""",
            responses = {
                @ApiResponse(responseCode = "200", description = "The timer."),
                @ApiResponse(responseCode = "400", ref = ProblemDocumentation.INVALID_REQUEST_RESPONSE),
                @ApiResponse(responseCode = "404", ref = ProblemDocumentation.TIMER_NOT_FOUND_RESPONSE)
            })
    View get(
            Caller caller,
            @Parameter(description = "The timer's id.", schema = @Schema(type = "string", format = "uuid")) String id);

    @Operation(
            summary = "Reschedule a timer",
            description = """
                    A new time in any one of the three forms; a delay counts from now. Only a `SCHEDULED` timer \
                    can be moved (also between retries); the target is then called at the new time only.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = TimeRequest.class),
                                        examples = {
                                            @ExampleObject(
                                                    name = "classic",
                                                    summary = "In hours, minutes and seconds from now",
                                                    value = ApiExamples.PATCH_CLASSIC),
                                            @ExampleObject(
                                                    name = "delay",
                                                    summary = "After an ISO-8601 duration from now",
                                                    value = ApiExamples.PATCH_DELAY),
                                            @ExampleObject(
                                                    name = "fireAt",
                                                    summary = "At an instant",
                                                    value = ApiExamples.PATCH_FIRE_AT)
                                        }),
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = TimeRequest.class))
                            }),
            responses = {
                @ApiResponse(responseCode = "200", description = "The timer, with its new `fireAt`."),
                @ApiResponse(responseCode = "400", ref = ProblemDocumentation.INVALID_REQUEST_RESPONSE),
                @ApiResponse(responseCode = "404", ref = ProblemDocumentation.TIMER_NOT_FOUND_RESPONSE),
                @ApiResponse(responseCode = "409", ref = ProblemDocumentation.NOT_RESCHEDULABLE_RESPONSE)
            })
    View reschedule(
            Caller caller,
            @Parameter(description = "The timer's id.", schema = @Schema(type = "string", format = "uuid")) String id,
            TimeRequest time);

    @Operation(
            summary = "Replay a timer",
            description = """
                    A `FAILED` or `SKIPPED` timer is due again now, with a fresh round of its retry schedule; \
                    its earlier `attempts` stay on record. A timer that has made 100 calls cannot be replayed.""",
            responses = {
                @ApiResponse(responseCode = "200", description = "The timer, `SCHEDULED` again."),
                @ApiResponse(responseCode = "400", ref = ProblemDocumentation.INVALID_REQUEST_RESPONSE),
                @ApiResponse(responseCode = "404", ref = ProblemDocumentation.TIMER_NOT_FOUND_RESPONSE),
                @ApiResponse(responseCode = "409", ref = ProblemDocumentation.NOT_REPLAYABLE_RESPONSE)
            })
    View replay(
            Caller caller,
            @Parameter(description = "The timer's id.", schema = @Schema(type = "string", format = "uuid")) String id);

    @Operation(
            summary = "Cancel a timer",
            description = """
                    Only a `SCHEDULED` timer can be cancelled (also between retries); once this has answered \
                    `204` the target is never called again. Cancelling a cancelled timer again answers `204`.""",
            responses = {
                @ApiResponse(responseCode = "204", description = "Cancelled."),
                @ApiResponse(responseCode = "400", ref = ProblemDocumentation.INVALID_REQUEST_RESPONSE),
                @ApiResponse(responseCode = "404", ref = ProblemDocumentation.TIMER_NOT_FOUND_RESPONSE),
                @ApiResponse(responseCode = "409", ref = ProblemDocumentation.NOT_CANCELLABLE_RESPONSE)
            })
    ResponseEntity<Void> cancel(
            Caller caller,
            @Parameter(description = "The timer's id.", schema = @Schema(type = "string", format = "uuid")) String id);
}
