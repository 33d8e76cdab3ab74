package dev.timers.api;

import dev.timers.api.auth.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.net.URI;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): what springdoc reads
 * from the controllers, plus what no controller says. That is the API key as the service checks it, the
 * {@link ProblemDocumentation problems} with an example of every type, and on every operation the problems the
 * filters and the advice may answer whatever the endpoint.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** The name of the security scheme every operation requires. */
    static final String API_KEY = "apiKey";

    static {
        // Resolved from the security context (CallerArgumentResolver), never sent by a client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        // A field read as a JSON tree takes any JSON value: its @Schema says which, not JsonNode's getters.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new Schema<>());
    }

    @Bean
    OpenAPI timersOpenApi(ObjectProvider<BuildProperties> build) {
        // The build's version (META-INF/build-info.properties); absent only when run without Maven's build.
        String version =
                build.stream().map(BuildProperties::getVersion).findFirst().orElse("unknown");
        return new OpenAPI()
                .info(new Info().title("Timers").version(version).description("""
                                A durable HTTP timer service: it calls a URL once a delay has passed, through \
                                restarts, crashes and outages, at least once and with a stable `webhook-id`.

                                Every error is RFC 9457 `application/problem+json` with a stable `type`, a \
                                `urn:timers:problem:*` URN: see the `Problem` schema, and the examples named \
                                after each type. A path nothing is served at answers 404 `not-found`, a method \
                                the path does not take 405 `method-not-allowed` with `Allow`."""))
                .components(ProblemDocumentation.addTo(new Components().addSecuritySchemes(API_KEY, apiKey())))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }

    /** The problems an operation may answer whatever it does, unless it documents that status itself. */
    @Bean
    OpenApiCustomizer commonProblems() {
        return openApi -> openApi.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .forEach(OpenApiConfiguration::addCommonProblems);
    }

    private static void addCommonProblems(Operation operation) {
        var responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasInput = hasBody
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        if (hasInput) {
            addIfAbsent(responses, "400", ProblemHandler.INVALID_REQUEST);
        }
        addIfAbsent(responses, "401", ProblemResponses.UNAUTHORIZED);
        if (hasBody) {
            addIfAbsent(responses, "413", ProblemResponses.BODY_TOO_LARGE);
            addIfAbsent(responses, "415", SpringProblems.UNSUPPORTED_MEDIA_TYPE);
        }
        addIfAbsent(responses, "429", ProblemResponses.RATE_LIMITED);
        addIfAbsent(responses, "500", ProblemHandler.INTERNAL);
        addIfAbsent(responses, "503", ProblemHandler.STORE_UNAVAILABLE);
    }

    private static void addIfAbsent(ApiResponses responses, String status, URI type) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, ProblemDocumentation.responseOf(type));
        }
    }

    private static SecurityScheme apiKey() {
        return new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("""
                        An API key, sent as `Authorization: Bearer <key>`. A missing, malformed or unknown key \
                        is answered 401 `unauthorized`. Each key has a rate limit; over it, 429 `rate-limited` \
                        with `Retry-After`. (A local stack may run with `timers.api.auth=none`: no key.)""");
    }
}
