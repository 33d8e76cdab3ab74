package dev.timers.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.timers.api.TimerResponses.View;
import dev.timers.api.auth.BatchRateLimit;
import dev.timers.api.auth.Caller;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates up to {@code max-batch-size} timers in one request. Each item is read and checked on its own, exactly
 * as a single create would be, and answered on its own: the timer it created, or its problem. Valid items are
 * created even when others are refused.
 */
@Service
class TimerBatches {

    private static final Logger log = LoggerFactory.getLogger(TimerBatches.class);

    private final JsonMapper json;
    private final BatchRateLimit rateLimit;
    private final NewTimers newTimers;
    private final TimerScheduler scheduler;
    private final TimerLimits limits;
    private final Clock clock;

    TimerBatches(
            JsonMapper json,
            BatchRateLimit rateLimit,
            NewTimers newTimers,
            TimerScheduler scheduler,
            ApiProperties properties,
            Clock clock) {
        this.json = json;
        this.rateLimit = rateLimit;
        this.newTimers = newTimers;
        this.scheduler = scheduler;
        this.limits = properties.limits();
        this.clock = clock;
    }

    /** Body of {@code POST /timers/batch}: the timers, each as {@code POST /timers} takes it. */
    @Schema(name = "TimerBatch")
    record BatchRequest(
            @ArraySchema(
                    arraySchema = @Schema(description = "1 to 100 timers, each as `POST /timers` takes it."),
                    schema = @Schema(implementation = CreateTimerRequest.class),
                    minItems = 1,
                    maxItems = 100)
            List<JsonNode> timers) {}

    /** The answer: one result per item, in the order given. */
    @Schema(name = "TimerBatchResults")
    record BatchResponse(
            @Schema(
                    description = "One result per item, in the order given.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            List<Result> results) {}

    /**
     * One item's outcome: {@code status} 201 with the {@code timer}, or the status of its {@code problem}.
     *
     * @param index the item's position in the request, from 0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TimerBatchResult")
    record Result(
            @Schema(
                    description = "The item's position in the request, from 0.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            int index,

            @Schema(
                    description = "201 with `timer`, or the status of `problem`.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            int status,

            @Schema(description = "The timer created.") View timer,

            @Schema(
                    description = "Why the item was refused.",
                    ref = "#/components/schemas/" + ProblemDocumentation.PROBLEM)
            ProblemDetail problem) {}

    BatchResponse create(Caller caller, BatchRequest batch) {
        List<JsonNode> items = batch.timers();
        if (items == null || items.isEmpty() || items.size() > limits.maxBatchSize()) {
            throw new InvalidTimerException("timers", "timers: 1 to " + limits.maxBatchSize() + " timers per batch");
        }
        rateLimit.charge(caller, items.size());
        List<NewTimer> drafts = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                drafts.add(newTimers.read(json.treeToValue(items.get(i), CreateTimerRequest.class)));
                results.add(null);
            } catch (RuntimeException e) {
                drafts.add(null);
                results.add(refused(i, e));
            }
        }
        // One count for the batch: all its valid timers fit under the cap, or none is created.
        scheduler.requireRoomFor(
                caller, (int) drafts.stream().filter(d -> d != null).count());
        for (int i = 0; i < items.size(); i++) {
            if (drafts.get(i) != null) {
                results.set(i, created(caller, i, drafts.get(i)));
            }
        }
        return new BatchResponse(results);
    }

    private Result created(Caller caller, int index, NewTimer draft) {
        try {
            var timer = scheduler.schedule(draft, scheduler.timerOf(caller, draft, UUID.randomUUID()));
            return new Result(index, HttpStatus.CREATED.value(), View.of(timer, clock.instant()), null);
        } catch (SdkException e) {
            log.warn("Batch item {} not created, the store failed: {}", index, e.toString());
            var problem = Problems.storeUnavailable(
                    "The timer store is not reachable right now; try this timer again shortly.");
            return new Result(index, problem.getStatus(), null, problem);
        }
    }

    private static Result refused(int index, RuntimeException e) {
        ProblemDetail problem = Problems.of(e);
        if (problem == null) {
            throw e;
        }
        return new Result(index, problem.getStatus(), null, problem);
    }
}
