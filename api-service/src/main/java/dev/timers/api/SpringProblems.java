package dev.timers.api;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Our types for the problems Spring MVC answers by itself, which it leaves at {@code about:blank}: a path
 * nothing is mapped to, a method or media type the endpoint does not take, a parameter it cannot bind, and
 * its own failures. A 5xx never says more than that something went wrong.
 */
final class SpringProblems {

    /** Nothing is served at the path (not an unknown timer: that is {@code timer-not-found}). */
    static final URI NOT_FOUND = URI.create("urn:timers:problem:not-found");
    /** The path exists, but not for this method; {@code Allow} lists the methods it takes. */
    static final URI METHOD_NOT_ALLOWED = URI.create("urn:timers:problem:method-not-allowed");
    /** The endpoint cannot answer in any media type the {@code Accept} header takes. */
    static final URI NOT_ACCEPTABLE = URI.create("urn:timers:problem:not-acceptable");
    /** The body's {@code Content-Type} is not one the endpoint reads. */
    static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("urn:timers:problem:unsupported-media-type");

    /** What Spring leaves untyped problems at (or null, which means the same). */
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private static final String SERVER_FAULT = "Something went wrong on our side.";

    private SpringProblems() {}

    /** Gives a problem Spring built for {@code e} our type, title and detail; a typed problem is left as it is. */
    static void retype(ProblemDetail problem, Exception e, String path) {
        if (problem.getType() != null && !ABOUT_BLANK.equals(problem.getType())) {
            return;
        }
        retype(problem, detail(e, path, problem.getDetail()));
        if (ProblemHandler.INVALID_REQUEST.equals(problem.getType())) {
            problem.setProperty("errors", fieldErrors(e));
        }
    }

    /** A problem for {@code status} when no exception says more, as in an error dispatch of the container. */
    static ProblemDetail forStatus(HttpStatus status, String path) {
        var problem = ProblemDetail.forStatus(status);
        String detail = switch (status) {
            case NOT_FOUND -> noEndpoint(path);
            case BAD_REQUEST ->
                "The request was refused before it reached the API: its URL or a header is not allowed.";
            default -> status.getReasonPhrase();
        };
        retype(problem, detail);
        if (ProblemHandler.INVALID_REQUEST.equals(problem.getType())) {
            problem.setProperty("errors", List.of());
        }
        return problem;
    }

    private static void retype(ProblemDetail problem, String detail) {
        var status = HttpStatus.resolve(problem.getStatus());
        if (status == null || status.is5xxServerError()) {
            set(problem, ProblemHandler.INTERNAL, "Internal error", SERVER_FAULT);
            return;
        }
        switch (status) {
            case NOT_FOUND -> set(problem, NOT_FOUND, "Not found", detail);
            case METHOD_NOT_ALLOWED -> set(problem, METHOD_NOT_ALLOWED, "Method not allowed", detail);
            case NOT_ACCEPTABLE -> set(problem, NOT_ACCEPTABLE, "Not acceptable", detail);
            case UNSUPPORTED_MEDIA_TYPE -> set(problem, UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", detail);
            case CONTENT_TOO_LARGE -> set(problem, ProblemResponses.BODY_TOO_LARGE, "Request body too large", detail);
            // 400, and any other 4xx Spring might answer: the request is wrong, and the detail says how.
            default -> set(problem, ProblemHandler.INVALID_REQUEST, "Invalid request", detail);
        }
    }

    private static void set(ProblemDetail problem, URI type, String title, String detail) {
        problem.setType(type);
        problem.setTitle(title);
        problem.setDetail(detail);
    }

    private static String detail(Exception e, String path, String spring) {
        return switch (e) {
            case HttpRequestMethodNotSupportedException m ->
                m.getMethod() + " is not allowed on " + path + "; it allows " + join(m.getSupportedHttpMethods());
            case HttpMediaTypeNotAcceptableException n ->
                "This endpoint answers " + join(n.getSupportedMediaTypes()) + ", which the Accept header does not take";
            case HttpMediaTypeNotSupportedException u
            when u.getContentType() == null ->
                "The request has no Content-Type; send " + join(u.getSupportedMediaTypes());
            case HttpMediaTypeNotSupportedException u ->
                "Content-Type " + u.getContentType() + " is not supported here; send "
                        + join(u.getSupportedMediaTypes());
            case NoResourceFoundException missing -> noEndpoint(path);
            case NoHandlerFoundException missing -> noEndpoint(path);
            default -> spring;
        };
    }

    private static String noEndpoint(String path) {
        return "No endpoint at " + path;
    }

    private static List<FieldError> fieldErrors(Exception e) {
        return switch (e) {
            case MissingServletRequestParameterException missing ->
                List.of(new FieldError(missing.getParameterName(), missing.getParameterName() + " is required"));
            case TypeMismatchException mismatch
            when mismatch.getPropertyName() != null ->
                List.of(new FieldError(mismatch.getPropertyName(), mismatch.getPropertyName() + " has the wrong type"));
            case HandlerMethodValidationException invalid ->
                invalid.getParameterValidationResults().stream()
                        .flatMap(result -> result.getResolvableErrors().stream().map(error -> {
                            String field = bindingName(result.getMethodParameter());
                            return new FieldError(field, field + " " + error.getDefaultMessage());
                        }))
                        .sorted((a, b) -> a.field().compareTo(b.field()))
                        .toList();
            default -> List.of();
        };
    }

    /** The name a client uses for a parameter: the one its annotation gives, else its own. */
    private static String bindingName(MethodParameter parameter) {
        for (var type : List.of(RequestParam.class, PathVariable.class, RequestHeader.class)) {
            var annotation = AnnotatedElementUtils.findMergedAnnotation(parameter.getParameter(), type);
            // Merged, so that value and name are one (as Spring binds them).
            String name = annotation != null ? (String) AnnotationUtils.getValue(annotation, "name") : null;
            if (name != null && !name.isEmpty()) {
                return name;
            }
        }
        return Objects.requireNonNullElse(parameter.getParameterName(), "?");
    }

    private static String join(Collection<?> values) {
        return values == null || values.isEmpty()
                ? "nothing"
                : values.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }
}
