package dev.timers.api;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The RFC 9457 problems of a request that is wrong, built in one place for {@link ProblemHandler} and for each
 * item of a batch, so a timer is refused the same way alone or in a batch.
 */
public final class Problems {

    public static final URI INVALID_REQUEST = URI.create("urn:timers:problem:invalid-request");
    static final URI TARGET_BODY_TOO_LARGE = URI.create("urn:timers:problem:target-body-too-large");

    private Problems() {}

    /** A problem for what went wrong with a request, or null when it is not a client error known here. */
    static ProblemDetail of(RuntimeException e) {
        return switch (e) {
            case UnsafeTargetException unsafe -> {
                var problem = invalid(unsafe.getMessage(), unsafe.errors());
                // A stable name for the target rule that was broken, for clients that act on it.
                problem.setProperty("rule", unsafe.rule().id());
                yield problem;
            }
            case InvalidTimerException invalid -> invalid(invalid.getMessage(), invalid.errors());
            case TargetBodyTooLargeException large -> {
                var problem = problem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        TARGET_BODY_TOO_LARGE,
                        "Body for the target too large",
                        large.getMessage());
                problem.setProperty("errors", List.of(new FieldError("body", large.getMessage())));
                problem.setProperty("max_bytes", large.limit());
                yield problem;
            }
            case JacksonException json -> unreadable(json);
            default -> null;
        };
    }

    /** JSON that does not parse, or does not fit the request's shape. */
    static ProblemDetail unreadable(Throwable cause) {
        return switch (cause) {
            case UnrecognizedPropertyException unknown -> unknownField(fieldOf(unknown));
            case MismatchedInputException mismatch
            when !mismatch.getPath().isEmpty() -> wrongType(fieldOf(mismatch), mismatch.getTargetType());
            // The body as a whole has the wrong shape (an array, a string, a second value after the object); the
            // parser's own message would name our classes.
            case MismatchedInputException whole ->
                invalid("The request body must be a single JSON object with the fields of this request", List.of());
            // Well-formed JSON whose number does not fit: the field is known, the JSON is not malformed.
            case InputCoercionException outOfRange
            when !outOfRange.getPath().isEmpty() -> outOfRange(fieldOf(outOfRange));
            case StreamReadException malformed ->
                invalid("Malformed JSON: " + malformed.getOriginalMessage(), List.of());
            case JacksonException other -> invalid("Unreadable JSON: " + other.getOriginalMessage(), List.of());
            default -> invalid("The request body is missing or is not JSON", List.of());
        };
    }

    private static ProblemDetail unknownField(String field) {
        return invalid(
                "Unknown field '" + field + "'",
                List.of(new FieldError(field, field + ": not a field of this request")));
    }

    private static ProblemDetail outOfRange(String field) {
        String message = field + " is out of range for a whole number";
        return invalid(message, List.of(new FieldError(field, message)));
    }

    private static ProblemDetail wrongType(String field, Class<?> type) {
        String message = field + " " + expected(type);
        return invalid(message, List.of(new FieldError(field, message)));
    }

    /** The store is unreachable or overloaded: {@code detail} says what to try again. */
    static ProblemDetail storeUnavailable(String detail) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemHandler.STORE_UNAVAILABLE, "Store unavailable", detail);
    }

    public static ProblemDetail invalid(String detail, List<FieldError> errors) {
        var problem = problem(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    private static String fieldOf(JacksonException e) {
        return String.join(
                        ".",
                        e.getPath().stream()
                                .map(ref -> ref.getPropertyName() != null
                                        ? ref.getPropertyName()
                                        : "[" + ref.getIndex() + "]")
                                .toList())
                .replace(".[", "[");
    }

    static String expected(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number, not a fraction or a string";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type != null && (java.util.Map.class.isAssignableFrom(type))) {
            return "must be an object of strings";
        }
        if (type != null && (java.util.List.class.isAssignableFrom(type))) {
            return "must be an array";
        }
        if (type != null && type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }
}
