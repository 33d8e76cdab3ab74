package dev.timers.api;

import dev.timers.api.auth.RateLimitedException;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every error the API answers is RFC 9457 {@code application/problem+json} with a stable {@code type}. A 400
 * lists the offending fields under {@code errors}; a 500 never repeats an exception's message.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    static final URI INVALID_REQUEST = Problems.INVALID_REQUEST;
    static final URI NOT_FOUND = URI.create("urn:timers:problem:timer-not-found");
    static final URI NOT_CANCELLABLE = URI.create("urn:timers:problem:timer-not-cancellable");
    static final URI NOT_RESCHEDULABLE = URI.create("urn:timers:problem:timer-not-reschedulable");
    static final URI NOT_REPLAYABLE = URI.create("urn:timers:problem:timer-not-replayable");
    static final URI IDEMPOTENCY_KEY_REUSED = URI.create("urn:timers:problem:idempotency-key-reused");
    static final URI TOO_MANY_PENDING = URI.create("urn:timers:problem:too-many-pending-timers");
    static final URI STORE_UNAVAILABLE = URI.create("urn:timers:problem:store-unavailable");
    static final URI INTERNAL = URI.create("urn:timers:problem:internal-error");

    @ExceptionHandler({InvalidTimerException.class, TargetBodyTooLargeException.class})
    ResponseEntity<ProblemDetail> invalidTimer(RuntimeException e) {
        var problem = Problems.of(e);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(TimerNotFoundException.class)
    ProblemDetail notFound(TimerNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Timer not found", e.getMessage());
    }

    @ExceptionHandler(TimerConflictException.class)
    ResponseEntity<ProblemDetail> conflict(TimerConflictException e) {
        var problem = switch (e.change()) {
            case CANCEL -> problem(HttpStatus.CONFLICT, NOT_CANCELLABLE, "Timer cannot be cancelled", e.getMessage());
            case RESCHEDULE ->
                problem(HttpStatus.CONFLICT, NOT_RESCHEDULABLE, "Timer cannot be rescheduled", e.getMessage());
            case REPLAY -> problem(HttpStatus.CONFLICT, NOT_REPLAYABLE, "Timer cannot be replayed", e.getMessage());
        };
        problem.setProperty("status_of_timer", e.status().name());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /** The same answer the rate-limit filter gives, for a request whose cost was known only once it was read. */
    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        var problem = problem(
                HttpStatus.TOO_MANY_REQUESTS, ProblemResponses.RATE_LIMITED, "Too many requests", e.getMessage());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem);
    }

    /** 422, as payment APIs answer a reused key: the request is well-formed but contradicts an earlier one. */
    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<ProblemDetail> keyReused(IdempotencyKeyReusedException e) {
        var problem = problem(
                HttpStatus.UNPROCESSABLE_CONTENT, IDEMPOTENCY_KEY_REUSED, "Idempotency key reused", e.getMessage());
        return ResponseEntity.unprocessableContent().body(problem);
    }

    /**
     * A quota, not a rate: 429 because the same request succeeds later (once timers fire or are cancelled), as
     * with a rate limit, but with a type of its own and no Retry-After, since no time can be promised.
     */
    @ExceptionHandler(TooManyPendingTimersException.class)
    ResponseEntity<ProblemDetail> tooManyPending(TooManyPendingTimersException e) {
        var problem =
                problem(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_PENDING, "Too many pending timers", e.getMessage());
        problem.setProperty("max_pending_timers", e.max());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(problem);
    }

    /**
     * The store is unreachable or overloaded: a client may try again. Other store errors (a missing table,
     * refused credentials) are ours, not transient, and answer 500.
     */
    @ExceptionHandler(SdkException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(SdkException e) {
        if (!(e instanceof SdkClientException) && !e.retryable()) {
            log.error("DynamoDB refused a request", e);
            return ResponseEntity.internalServerError()
                    .body(problem(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            INTERNAL,
                            "Internal error",
                            "Something went wrong on our side."));
        }
        log.warn("DynamoDB request failed: {}", e.toString());
        var problem = Problems.storeUnavailable("The timer store is not reachable right now; try again shortly.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL, "Internal error", "Something went wrong on our side.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (NestedExceptionUtils.getMostSpecificCause(e)
                instanceof RequestBodyLimitFilter.BodyTooLargeException large) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(problem(
                            HttpStatus.CONTENT_TOO_LARGE,
                            ProblemResponses.BODY_TOO_LARGE,
                            "Request body too large",
                            large.getMessage()));
        }
        return ResponseEntity.badRequest().body(unreadable(e));
    }

    /** A query parameter of the wrong type ({@code limit=ten}): named like any other wrong field. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String message = field + ": '" + e.getValue() + "' " + Problems.expected(e.getRequiredType());
        return ResponseEntity.badRequest().body(invalid(message, List.of(new FieldError(field, message))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getField() + " " + error.getDefaultMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String detail =
                String.join("; ", errors.stream().map(FieldError::message).toList());
        return ResponseEntity.badRequest().body(invalid(detail, errors));
    }

    /** Every problem Spring builds itself (404, 405, 406, 415, ...) gets a type of ours: see SpringProblems. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (status.is5xxServerError()) {
                log.error("Spring MVC failed on a request", e);
            }
            SpringProblems.retype(
                    problem, e, ((ServletWebRequest) request).getRequest().getRequestURI());
        }
        return response;
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return Problems.unreadable(e.getMostSpecificCause());
    }

    private static ProblemDetail invalid(String detail, List<FieldError> errors) {
        return Problems.invalid(detail, errors);
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        return Problems.problem(status, type, title, detail);
    }
}
