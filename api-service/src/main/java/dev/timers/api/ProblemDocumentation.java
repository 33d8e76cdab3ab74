package dev.timers.api;

import dev.timers.api.secrets.SigningSecretProblems;
import dev.timers.core.targets.TargetRule;
import dev.timers.core.timer.TimerStatus;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code Problem} schema (RFC 9457, plus our {@code errors} list and the members some types add) and, for
 * every problem type the service answers, a named example and a reusable response, both under the last part
 * of its URN: {@code #/components/examples/timer-not-found}, {@code #/components/responses/timer-not-found}.
 */
final class ProblemDocumentation {

    static final String PROBLEM = "Problem";
    private static final String FIELD_ERROR = "FieldError";
    private static final String SAMPLE_ID = "6780220d-0306-4f75-a211-76d15316b747";
    private static final String RESPONSES = "#/components/responses/";

    /** References to reusable responses, for the endpoints' own {@code @ApiResponse(ref = ...)}. */
    static final String TIMER_NOT_FOUND_RESPONSE = RESPONSES + "timer-not-found";

    static final String NOT_CANCELLABLE_RESPONSE = RESPONSES + "timer-not-cancellable";
    static final String NOT_RESCHEDULABLE_RESPONSE = RESPONSES + "timer-not-reschedulable";
    static final String NOT_REPLAYABLE_RESPONSE = RESPONSES + "timer-not-replayable";
    static final String IDEMPOTENCY_KEY_REUSED_RESPONSE = RESPONSES + "idempotency-key-reused";
    static final String INVALID_REQUEST_RESPONSE = RESPONSES + "invalid-request";
    /** 413 of a create: the request's body, or the body for the target, is too large. */
    static final String BODY_TOO_LARGE_RESPONSES = RESPONSES + "body-too-large-or-target-body-too-large";
    /** 429 of a create: the key's rate limit, or the owner's cap of pending timers. */
    static final String TOO_MANY_RESPONSES = RESPONSES + "rate-limited-or-too-many-pending-timers";

    /** One problem type: its example and the description of a response that answers it. */
    private record Kind(URI type, int status, String title, String detail, String answers, Map<String, Object> more) {

        String name() {
            return ProblemDocumentation.name(type);
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(
                    ProblemHandler.INVALID_REQUEST,
                    400,
                    "Invalid request",
                    "url must not be blank",
                    "The request is not valid; `errors` names the fields that are wrong.",
                    Map.of("errors", List.of(Map.of("field", "url", "message", "url must not be blank")))),
            new Kind(
                    ProblemResponses.UNAUTHORIZED,
                    401,
                    "Unauthorized",
                    "This API needs an API key: send 'Authorization: Bearer <key>'.",
                    "No API key, or one that is not valid.",
                    Map.of()),
            new Kind(
                    ProblemHandler.NOT_FOUND,
                    404,
                    "Timer not found",
                    "No timer with id " + SAMPLE_ID,
                    "No timer with this id belongs to the caller's owner.",
                    Map.of()),
            new Kind(
                    SigningSecretProblems.NOT_FOUND,
                    404,
                    "Signing secret not found",
                    "No signing secret with id " + SAMPLE_ID,
                    "No signing secret with this id belongs to the caller's owner.",
                    Map.of()),
            new Kind(
                    SpringProblems.NOT_FOUND,
                    404,
                    "Not found",
                    "No endpoint at /timer",
                    "Nothing is served at this path.",
                    Map.of()),
            new Kind(
                    SpringProblems.METHOD_NOT_ALLOWED,
                    405,
                    "Method not allowed",
                    "PUT is not allowed on /timers; it allows POST",
                    "The path does not take this method; `Allow` lists those it takes.",
                    Map.of()),
            new Kind(
                    SpringProblems.NOT_ACCEPTABLE,
                    406,
                    "Not acceptable",
                    "This endpoint answers application/json, which the Accept header does not take",
                    "The endpoint cannot answer in a media type the `Accept` header takes.",
                    Map.of()),
            new Kind(
                    ProblemHandler.NOT_CANCELLABLE,
                    409,
                    "Timer cannot be cancelled",
                    "Timer " + SAMPLE_ID + " is DELIVERED and can no longer be cancelled",
                    "The timer is firing or has finished.",
                    Map.of("status_of_timer", "DELIVERED")),
            new Kind(
                    ProblemHandler.NOT_RESCHEDULABLE,
                    409,
                    "Timer cannot be rescheduled",
                    "Timer " + SAMPLE_ID
                            + " is DELIVERED and cannot be rescheduled: only a SCHEDULED timer can be given a new time",
                    "Only a `SCHEDULED` timer can be moved; `status_of_timer` says what it is.",
                    Map.of("status_of_timer", "DELIVERED")),
            new Kind(
                    ProblemHandler.NOT_REPLAYABLE,
                    409,
                    "Timer cannot be replayed",
                    "Timer " + SAMPLE_ID
                            + " is SCHEDULED and cannot be replayed: only a FAILED or SKIPPED timer can be replayed",
                    "Only a `FAILED` or `SKIPPED` timer can be replayed, and one that has made 100 calls cannot.",
                    Map.of("status_of_timer", "SCHEDULED")),
            new Kind(
                    SigningSecretProblems.TOO_MANY,
                    409,
                    "Too many signing secrets",
                    "You already have 10 signing secrets, the most one owner may have; delete one (DELETE"
                            + " /signing-secrets/{id}) before making another.",
                    "The owner has as many signing secrets as it may have (`timers.secrets.max-per-owner`).",
                    Map.of("max_signing_secrets", 10)),
            new Kind(
                    ProblemResponses.BODY_TOO_LARGE,
                    413,
                    "Request body too large",
                    "The request body may be at most 65536 bytes.",
                    "The body is larger than `timers.api.max-body-size`.",
                    Map.of()),
            new Kind(
                    Problems.TARGET_BODY_TOO_LARGE,
                    413,
                    "Body for the target too large",
                    "body: the body for the target is 70000 bytes; at most 65536 are accepted",
                    "The timer's `body` is larger than `timers.api.limits.max-target-body-size`.",
                    Map.of(
                            "errors",
                            List.of(Map.of(
                                    "field",
                                    "body",
                                    "message",
                                    "body: the body for the target is 70000 bytes; at most 65536 are accepted")),
                            "max_bytes",
                            65536)),
            new Kind(
                    SpringProblems.UNSUPPORTED_MEDIA_TYPE,
                    415,
                    "Unsupported media type",
                    "Content-Type text/plain is not supported here; send application/json",
                    "The body's `Content-Type` is not one the endpoint reads.",
                    Map.of()),
            new Kind(
                    ProblemHandler.IDEMPOTENCY_KEY_REUSED,
                    422,
                    "Idempotency key reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new timer.",
                    "The `Idempotency-Key` was used within 24 h for a request with other fields or values.",
                    Map.of()),
            new Kind(
                    ProblemResponses.RATE_LIMITED,
                    429,
                    "Too many requests",
                    "This API key has used up its rate limit; try again in 1 s.",
                    "The API key has used up its rate limit; `Retry-After` says when to try again.",
                    Map.of()),
            new Kind(
                    ProblemHandler.TOO_MANY_PENDING,
                    429,
                    "Too many pending timers",
                    "You already have 100000 timers waiting to fire, the most one owner may have; create more once"
                            + " some have fired or been cancelled.",
                    "The owner has as many timers waiting to fire as it may have.",
                    Map.of("max_pending_timers", 100000)),
            new Kind(
                    ProblemHandler.INTERNAL,
                    500,
                    "Internal error",
                    "Something went wrong on our side.",
                    "Something went wrong on our side.",
                    Map.of()),
            new Kind(
                    ProblemHandler.STORE_UNAVAILABLE,
                    503,
                    "Store unavailable",
                    "The timer store is not reachable right now; try again shortly.",
                    "The store is unreachable or overloaded; try again after `Retry-After` seconds.",
                    Map.of()),
            new Kind(
                    SigningSecretProblems.NO_ENCRYPTION_KEY,
                    503,
                    "Signing secrets unavailable",
                    SigningSecretProblems.NO_KEY_DETAIL,
                    "No encryption key is configured for signing secrets (`timers.secrets.encryption-key`).",
                    Map.of()));

    /** Response headers some problems come with. */
    private static final Map<URI, Map<String, String>> HEADERS = Map.of(
            ProblemResponses.UNAUTHORIZED,
            Map.of(
                    "WWW-Authenticate",
                    "`Bearer realm=\"timers\"`, with `error=\"invalid_token\"` when a key was sent."),
            SpringProblems.METHOD_NOT_ALLOWED,
            Map.of("Allow", "The methods the path takes."),
            ProblemResponses.RATE_LIMITED,
            Map.of("Retry-After", "Seconds until the key may make a request again."),
            ProblemHandler.STORE_UNAVAILABLE,
            Map.of("Retry-After", "Seconds after which to try again."));

    /** A status two problem types share on one endpoint: one response with an example of each. */
    private record Either(String name, String description, List<URI> types) {}

    private static final List<Either> EITHERS = List.of(
            new Either(
                    "body-too-large-or-target-body-too-large",
                    "The request body is larger than `timers.api.max-body-size` (`body-too-large`), or the timer's"
                            + " `body` larger than `timers.api.limits.max-target-body-size`"
                            + " (`target-body-too-large`).",
                    List.of(ProblemResponses.BODY_TOO_LARGE, Problems.TARGET_BODY_TOO_LARGE)),
            new Either(
                    "rate-limited-or-too-many-pending-timers",
                    "The API key has used up its rate limit (`rate-limited`, with `Retry-After`), or the owner has"
                            + " as many timers waiting to fire as it may have (`too-many-pending-timers`, no"
                            + " `Retry-After`: it is a quota, not a rate).",
                    List.of(ProblemResponses.RATE_LIMITED, ProblemHandler.TOO_MANY_PENDING)),
            new Either(
                    "signing-secrets-unavailable-or-store-unavailable",
                    "No encryption key is configured for signing secrets (`signing-secrets-unavailable`), or the"
                            + " store is unreachable (`store-unavailable`, with `Retry-After`).",
                    List.of(SigningSecretProblems.NO_ENCRYPTION_KEY, ProblemHandler.STORE_UNAVAILABLE)));

    private ProblemDocumentation() {}

    /** The last part of a problem type's URN, which names its example and its response. */
    static String name(URI type) {
        String urn = type.toString();
        return urn.substring(urn.lastIndexOf(':') + 1);
    }

    static Components addTo(Components components) {
        components.addSchemas(PROBLEM, problem()).addSchemas(FIELD_ERROR, fieldError());
        for (Kind kind : KINDS) {
            components.addExamples(kind.name(), example(kind));
            components.addResponses(kind.name(), response(kind));
        }
        for (Either either : EITHERS) {
            components.addResponses(either.name(), response(either));
        }
        return components;
    }

    /** A reference to the reusable response of a problem type. */
    static ApiResponse responseOf(URI type) {
        return new ApiResponse().$ref("#/components/responses/" + name(type));
    }

    private static Example example(Kind kind) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", kind.type().toString());
        value.put("title", kind.title());
        value.put("status", kind.status());
        value.put("detail", kind.detail());
        value.putAll(kind.more());
        return new Example().summary(kind.status() + " " + kind.title()).value(value);
    }

    private static ApiResponse response(Kind kind) {
        var media = new MediaType()
                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                .examples(Map.of(kind.name(), new Example().$ref("#/components/examples/" + kind.name())));
        var response = new ApiResponse()
                .description(kind.answers())
                .content(new Content()
                        .addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, media));
        HEADERS.getOrDefault(kind.type(), Map.of())
                .forEach((name, description) -> response.addHeaderObject(
                        name, new Header().description(description).schema(string(null))));
        return response;
    }

    private static ApiResponse response(Either either) {
        Map<String, Example> examples = new LinkedHashMap<>();
        either.types()
                .forEach(type -> examples.put(name(type), new Example().$ref("#/components/examples/" + name(type))));
        var media = new MediaType()
                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                .examples(examples);
        var response = new ApiResponse()
                .description(either.description())
                .content(new Content()
                        .addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, media));
        for (URI type : either.types()) {
            HEADERS.getOrDefault(type, Map.of())
                    .forEach((name, description) -> response.addHeaderObject(
                            name,
                            new Header()
                                    .description("With `" + name(type) + "`: "
                                            + Character.toLowerCase(description.charAt(0)) + description.substring(1))
                                    .schema(string(null))));
        }
        return response;
    }

    private static Schema<Object> problem() {
        return object("An RFC 9457 problem. Clients act on `type`; `title` and `detail` are for people.")
                .addProperty(
                        "type",
                        string("A stable URN naming the kind of problem, `urn:timers:problem:<name>`.")
                                .format("uri"))
                .addProperty("title", string("A short summary of the problem type; the same for every occurrence."))
                .addProperty("status", integer("The HTTP status code of this response."))
                .addProperty("detail", string("What went wrong with this request, for a person to read."))
                .addProperty("instance", string("The path of the request.").format("uri-reference"))
                .addProperty(
                        "errors",
                        new Schema<>()
                                .types(Set.of("array"))
                                .description("With `invalid-request`: the fields that were wrong (may be empty).")
                                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR)))
                .addProperty(
                        "rule",
                        oneOf(
                                "With `invalid-request` for a refused target URL: the rule it broke.",
                                Arrays.stream(TargetRule.values()).map(TargetRule::id)))
                .addProperty(
                        "status_of_timer",
                        oneOf(
                                "With `timer-not-cancellable`, `timer-not-reschedulable` and `timer-not-replayable`:"
                                        + " the status of the timer.",
                                Arrays.stream(TimerStatus.values()).map(TimerStatus::name)))
                .addProperty(
                        "max_pending_timers",
                        integer("With `too-many-pending-timers`: the most timers one owner may have waiting."))
                .addProperty(
                        "max_signing_secrets",
                        integer("With `too-many-signing-secrets`: the most signing secrets one owner may have."))
                .addProperty(
                        "max_bytes",
                        integer("With `target-body-too-large`: the largest body for the target, in bytes."))
                .required(List.of("type", "title", "status"));
    }

    private static Schema<Object> fieldError() {
        return object("One field of the request that was wrong, and why.")
                .addProperty("field", string("The field, as a path from the body's root (`url`, `a.b[0]`)."))
                .addProperty("message", string("What is wrong with it."))
                .required(List.of("field", "message"));
    }

    private static Schema<Object> object(String description) {
        return new Schema<>().types(Set.of("object")).description(description);
    }

    private static Schema<Object> string(String description) {
        return new Schema<>().types(Set.of("string")).description(description);
    }

    private static Schema<Object> oneOf(String description, Stream<String> values) {
        return string(description)._enum(values.<Object>map(value -> value).toList());
    }

    private static Schema<Object> integer(String description) {
        return new Schema<>().types(Set.of("integer")).description(description);
    }
}
