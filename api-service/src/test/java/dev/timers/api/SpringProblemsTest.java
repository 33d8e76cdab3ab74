package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.ConversionNotSupportedException;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.method.MethodValidationException;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every exception Spring MVC answers by itself comes out as a problem of one of our types, never
 * {@code about:blank}; a 5xx says no more than that something went wrong, and a 400 lists what it can name.
 */
class SpringProblemsTest {

    private static final String INVALID = "urn:timers:problem:invalid-request";
    private static final String INTERNAL = "urn:timers:problem:internal-error";

    private final ProblemHandler handler = new ProblemHandler();

    /** A handler method of the shape the tests need parameters of. */
    @SuppressWarnings("unused")
    private void list(@RequestParam("page_size") int pageSize) {}

    private static MethodParameter pageSize() throws NoSuchMethodException {
        return new MethodParameter(SpringProblemsTest.class.getDeclaredMethod("list", int.class), 0);
    }

    private static Method list() throws NoSuchMethodException {
        return SpringProblemsTest.class.getDeclaredMethod("list", int.class);
    }

    static Stream<Arguments> exceptions() throws Exception {
        var tooSmall = new ParameterValidationResult(
                pageSize(),
                0,
                List.of(new DefaultMessageSourceResolvable(new String[] {"Min"}, "must be at least 1")),
                null,
                null,
                null,
                (error, type) -> null);
        var validation = MethodValidationResult.create(new SpringProblemsTest(), list(), List.of(tooSmall));
        return Stream.of(
                Arguments.of(new NoResourceFoundException(HttpMethod.GET, "/nope", "nope"), 404, "not-found"),
                Arguments.of(new NoHandlerFoundException("GET", "/nope", new HttpHeaders()), 404, "not-found"),
                Arguments.of(
                        new HttpRequestMethodNotSupportedException("PUT", List.of("GET", "DELETE")),
                        405,
                        "method-not-allowed"),
                Arguments.of(
                        new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON)),
                        406,
                        "not-acceptable"),
                Arguments.of(
                        new HttpMediaTypeNotSupportedException(
                                MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST),
                        415,
                        "unsupported-media-type"),
                Arguments.of(new MaxUploadSizeExceededException(1024), 413, "body-too-large"),
                Arguments.of(new MissingServletRequestParameterException("page_size", "int"), 400, "invalid-request"),
                Arguments.of(new MissingServletRequestPartException("file"), 400, "invalid-request"),
                Arguments.of(new ServletRequestBindingException("Missing header"), 400, "invalid-request"),
                Arguments.of(
                        new MethodArgumentTypeMismatchException("x", int.class, "page_size", pageSize(), null),
                        400,
                        "invalid-request"),
                Arguments.of(new HandlerMethodValidationException(validation), 400, "invalid-request"),
                Arguments.of(
                        new MethodArgumentNotValidException(
                                pageSize(), new BeanPropertyBindingResult(new Object(), "request")),
                        400,
                        "invalid-request"),
                Arguments.of(
                        new HttpMessageNotReadableException("bad", new MockHttpInputMessage(new byte[0])),
                        400,
                        "invalid-request"),
                Arguments.of(new ErrorResponseException(HttpStatus.CONFLICT), 409, "invalid-request"),
                Arguments.of(new MissingPathVariableException("id", pageSize()), 500, "internal-error"),
                Arguments.of(new ConversionNotSupportedException("x", int.class, null), 500, "internal-error"),
                Arguments.of(new HttpMessageNotWritableException("secret internals"), 500, "internal-error"),
                Arguments.of(new MethodValidationException(validation), 500, "internal-error"),
                Arguments.of(new AsyncRequestTimeoutException(), 503, "internal-error"));
    }

    @ParameterizedTest
    @MethodSource("exceptions")
    void everyExceptionSpringAnswersGetsATypeOfOurs(Exception e, int status, String type) throws Exception {
        var problem = answer(e);

        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getType()).hasToString("urn:timers:problem:" + type);
        assertThat(problem.getTitle()).isNotBlank();
        if (status >= 500) {
            assertThat(problem.getDetail()).isEqualTo("Something went wrong on our side.");
        }
        if (type.equals("invalid-request")) {
            assertThat(problem.getProperties()).containsKey("errors");
        }
    }

    @Test
    void aParameterSpringCannotBindIsNamedInErrors() throws Exception {
        var missing = answer(new MissingServletRequestParameterException("page_size", "int"));
        assertThat(missing.getType()).hasToString(INVALID);
        assertThat(missing.getProperties())
                .containsEntry("errors", List.of(new FieldError("page_size", "page_size is required")));

        var invalid = answer((Exception) exceptions()
                .map(arguments -> arguments.get()[0])
                .filter(HandlerMethodValidationException.class::isInstance)
                .findFirst()
                .orElseThrow());
        assertThat(invalid.getProperties())
                .containsEntry("errors", List.of(new FieldError("page_size", "page_size must be at least 1")));
    }

    @Test
    void aTypedProblemKeepsItsType() throws Exception {
        var typed = new ErrorResponseException(HttpStatus.CONFLICT);
        typed.getBody().setType(java.net.URI.create("urn:timers:problem:something-else"));

        assertThat(answer(typed).getType()).hasToString("urn:timers:problem:something-else");
        assertThat(answer(new HttpMessageNotWritableException("x")).getType()).hasToString(INTERNAL);
    }

    @Test
    void theCasesCoverEveryExceptionSpringAnswers() throws Exception {
        var answered = ResponseEntityExceptionHandler.class
                .getMethod("handleException", Exception.class, WebRequest.class)
                .getAnnotation(ExceptionHandler.class)
                .value();
        List<Object> cases = exceptions().map(arguments -> arguments.get()[0]).toList();

        assertThat(Arrays.stream(answered)
                        // The client is gone: there is nobody to answer.
                        .filter(type -> type != AsyncRequestNotUsableException.class)
                        .filter(type -> cases.stream().noneMatch(type::isInstance)))
                .isEmpty();
    }

    private ProblemDetail answer(Exception e) throws Exception {
        var request = new ServletWebRequest(new MockHttpServletRequest("GET", "/timers"));
        var response = handler.handleException(e, request);
        assertThat(response).isNotNull();
        assertThat(response.getBody()).isInstanceOf(ProblemDetail.class);
        return (ProblemDetail) response.getBody();
    }
}
