package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.core.testing.TestInfrastructure;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document against the running service: valid OpenAPI 3.1, every operation it lists is served and
 * every endpoint is listed (so the two cannot drift apart), the key is sent as it says, and every problem type
 * the service has is among its examples. Nothing here names an endpoint: new ones are covered as they come.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiSpecIT {

    private static final TestApiKeys.Key KEY = new TestApiKeys.Key("openapi-it-key-0123", "docs", "owner-docs");
    private static final String PROBLEM_TYPE = "urn:timers:problem:";
    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        TestApiKeys.register(registry, KEY);
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    private String document;
    private JsonNode spec;

    private JsonNode spec() throws Exception {
        if (document == null) {
            var response = send(HttpRequest.newBuilder(uri("/v3/api-docs")));
            assertThat(response.statusCode()).isEqualTo(200);
            document = response.body();
            spec = json.readTree(document);
        }
        return spec;
    }

    @Test
    void theDocumentIsValidOpenApi31() throws Exception {
        assertThat(spec().path("openapi").asString()).startsWith("3.1");

        var options = new ParseOptions();
        options.setResolve(true);
        var parsed = new OpenAPIV3Parser().readContents(document, null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void everyOperationInTheDocumentIsServed() throws Exception {
        List<String> unserved = new ArrayList<>();
        for (Operation operation : documented()) {
            var request = HttpRequest.newBuilder(uri(operation.samplePath()))
                    .header("Authorization", KEY.bearer())
                    .method(
                            operation.method(),
                            operation.hasBody()
                                    ? HttpRequest.BodyPublishers.ofString("{}")
                                    : HttpRequest.BodyPublishers.noBody());
            if (operation.hasBody()) {
                request.header("Content-Type", "application/json");
            }
            var response = send(request);
            String type = problemType(response);
            // An unknown timer is a 404 too, of another type: only the routing answers mean "not served".
            if (response.statusCode() == 405
                    || (response.statusCode() == 404 && type.equals(PROBLEM_TYPE + "not-found"))) {
                unserved.add(operation + " -> " + response.statusCode() + " " + type);
            }
        }
        assertThat(documented()).isNotEmpty();
        assertThat(unserved).isEmpty();
    }

    @Test
    void everyEndpointOfTheServiceIsInTheDocument() throws Exception {
        Set<String> endpoints = new TreeSet<>();
        handlers.getHandlerMethods().forEach((mapping, handler) -> {
            var type = handler.getBeanType();
            if (type.getPackageName().startsWith("org.springdoc") || ErrorController.class.isAssignableFrom(type)) {
                return;
            }
            var methods = mapping.getMethodsCondition().getMethods();
            assertThat(methods).as("%s says which methods it takes", handler).isNotEmpty();
            for (String pattern : mapping.getPatternValues()) {
                // {id:[0-9a-f-]+} is {id} in the document
                String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                methods.forEach(method -> endpoints.add(method.name() + " " + path));
            }
        });
        Set<String> inDocument = new TreeSet<>();
        documented().forEach(operation -> inDocument.add(operation.method() + " " + operation.path()));

        assertThat(endpoints).isNotEmpty();
        assertThat(inDocument).isEqualTo(endpoints);
    }

    @Test
    void theDocumentedSecuritySchemeIsHowTheServiceReadsTheKey() throws Exception {
        var requirement =
                spec().path("security").get(0).propertyNames().iterator().next();
        var scheme = spec().path("components").path("securitySchemes").path(requirement);
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        // RFC 7235: the scheme goes into Authorization as "<scheme> <credentials>"; its name is case-insensitive.
        String header = scheme.path("scheme").asString() + " " + KEY.secret();

        var operation = documented().getFirst();
        var request = HttpRequest.newBuilder(uri(operation.samplePath()))
                .method(operation.method(), HttpRequest.BodyPublishers.noBody());
        assertThat(send(request.copy().header("Authorization", header)).statusCode())
                .isNotEqualTo(401);
        assertThat(send(request).statusCode()).isEqualTo(401);
    }

    @Test
    void everyProblemTypeOfTheServiceHasANamedExample() throws Exception {
        Set<String> examples = new TreeSet<>();
        for (JsonNode example : spec().path("components").path("examples")) {
            String type = example.path("value").path("type").asString();
            if (type.startsWith(PROBLEM_TYPE)) {
                examples.add(type);
            }
        }
        assertThat(problemTypesOfTheService()).isNotEmpty().isEqualTo(examples);
    }

    @Test
    void theCallerIsNotARequestParameter() throws Exception {
        for (Operation operation : documented()) {
            for (JsonNode parameter : operation.node().path("parameters")) {
                assertThat(parameter.path("name").asString())
                        .as(operation.toString())
                        .isNotEqualToIgnoringCase("caller");
            }
        }
        assertThat(spec().path("components").path("schemas").has("Caller")).isFalse();
    }

    @Test
    void neitherTheActuatorNorTheErrorPageIsDocumented() throws Exception {
        assertThat(spec().path("paths").propertyNames())
                .isNotEmpty()
                .noneMatch(path -> path.startsWith("/actuator") || path.startsWith("/error"));
    }

    /** One operation of the document: a method on a path, and what the document says of it. */
    private record Operation(String method, String path, JsonNode node) {

        boolean hasBody() {
            return node.has("requestBody");
        }

        /** The path with a value for each of its parameters: a number where it is one, else a fresh UUID. */
        String samplePath() {
            Matcher variables = Pattern.compile("\\{([^}]+)}").matcher(path);
            StringBuilder sample = new StringBuilder();
            while (variables.find()) {
                String kind = "string";
                for (JsonNode parameter : node.path("parameters")) {
                    if (parameter.path("name").asString().equals(variables.group(1))) {
                        kind = parameter.path("schema").path("type").asString("string");
                    }
                }
                String value = kind.equals("integer") || kind.equals("number")
                        ? "1"
                        : UUID.randomUUID().toString();
                variables.appendReplacement(sample, value);
            }
            return variables.appendTail(sample).toString();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Operation> documented() throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (var path : spec().path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace")
                        .contains(operation.getKey())) {
                    operations.add(
                            new Operation(operation.getKey().toUpperCase(), path.getKey(), operation.getValue()));
                }
            }
        }
        return operations;
    }

    /** Every {@code urn:timers:problem:*} URI constant in the service's classes, wherever it is declared. */
    private static Set<String> problemTypesOfTheService() throws Exception {
        var classes = ApiApplication.class.getProtectionDomain().getCodeSource().getLocation();
        Set<String> types = new TreeSet<>();
        for (var resource : new PathMatchingResourcePatternResolver().getResources(classes + "**/*.class")) {
            String file =
                    resource.getURL().toString().substring(classes.toString().length());
            var type = Class.forName(
                    file.substring(0, file.length() - ".class".length()).replace('/', '.'),
                    false,
                    OpenApiSpecIT.class.getClassLoader());
            for (var field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == URI.class) {
                    field.setAccessible(true);
                    String value = String.valueOf(field.get(null));
                    if (value.startsWith(PROBLEM_TYPE)) {
                        types.add(value);
                    }
                }
            }
        }
        return types;
    }

    private String problemType(HttpResponse<String> response) {
        try {
            return json.readTree(response.body()).path("type").asString("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
