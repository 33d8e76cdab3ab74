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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import tools.jackson.databind.node.JsonNodeType;

/**
 * The OpenAPI document against the running service: valid OpenAPI 3.1, every operation it lists is served and
 * every endpoint is listed (so the two cannot drift apart), the key is sent as it says, and every problem type
 * the service has is among its examples. Every request example is sent to the service, which must take it and
 * answer with a documented status and a body of the documented schema. Nothing here names an endpoint: new ones
 * are covered as they come.
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
    void aListIsDocumentedAsSummariesWithoutBodiesOrHeaders() throws Exception {
        JsonNode schemas = spec().path("components").path("schemas");
        assertThat(schemas.path("TimerPage")
                        .path("properties")
                        .path("timers")
                        .path("items")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/TimerSummary");
        assertThat(schemas.path("TimerSummary").path("properties").propertyNames())
                .contains("id", "url", "method", "status", "fireAt", "createdAt", "metadata", "attemptCount")
                .doesNotContain("body", "headers", "attempts");
        assertThat(schemas.path("Timer").path("properties").propertyNames()).contains("body", "headers", "attempts");
    }

    @Test
    void neitherTheActuatorNorTheErrorPageIsDocumented() throws Exception {
        assertThat(spec().path("paths").propertyNames())
                .isNotEmpty()
                .noneMatch(path -> path.startsWith("/actuator") || path.startsWith("/error"));
    }

    /**
     * Each request example, sent as it stands (to a fresh timer where the path has an id), is taken: the answer is
     * the operation's documented 201 if it has one (a create), else its documented 2xx, with the headers and a
     * body the document gives for it. A batch's items must all be created too.
     */
    @Test
    void everyRequestExampleIsTakenAndAnsweredAsDocumented() throws Exception {
        Map<String, Integer> sent = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : documented()) {
            for (var media :
                    operation.node().path("requestBody").path("content").properties()) {
                for (var example : media.getValue().path("examples").properties()) {
                    String name = operation + " example '" + example.getKey() + "' (" + media.getKey() + ")";
                    var response = send(HttpRequest.newBuilder(uri(pathWithAFreshTimer(operation)))
                            .header("Authorization", KEY.bearer())
                            .header("Content-Type", media.getKey())
                            .method(operation.method(), HttpRequest.BodyPublishers.ofString(body(example.getValue()))));
                    sent.merge(operation.toString(), 1, Integer::sum);
                    wrong.addAll(answeredAsDocumented(name, operation, successOf(operation), response));
                    JsonNode results = json.readTree(response.body()).path("results");
                    for (JsonNode result : results) {
                        if (result.path("status").asInt() != 201) {
                            wrong.add(name + ": item " + result.path("index") + " answered " + result);
                        }
                    }
                }
            }
        }
        assertThat(sent)
                .containsKeys("POST /timers", "PATCH /timers/{id}", "POST /timers/batch")
                .hasEntrySatisfying("POST /timers", count -> assertThat(count).isGreaterThanOrEqualTo(5));
        assertThat(wrong).isEmpty();
    }

    /** A documented create sent twice with one Idempotency-Key: the repeat is the documented 200. */
    @Test
    void anIdempotentRepeatIsAnsweredAsDocumented() throws Exception {
        var create = documented().stream()
                .filter(operation -> operation.toString().equals("POST /timers"))
                .findFirst()
                .orElseThrow();
        assertThat(create.node().path("parameters").findValuesAsString("name")).contains("Idempotency-Key");
        var media = create.node()
                .path("requestBody")
                .path("content")
                .properties()
                .iterator()
                .next();
        String body = body(
                media.getValue().path("examples").properties().iterator().next().getValue());
        String key = "openapi-" + UUID.randomUUID();
        HttpResponse<String> first = null;
        for (int i = 0; i < 2; i++) {
            var response = send(HttpRequest.newBuilder(uri("/timers"))
                    .header("Authorization", KEY.bearer())
                    .header("Content-Type", media.getKey())
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(answeredAsDocumented("POST /timers, time " + (i + 1), create, i == 0 ? "201" : "200", response))
                    .isEmpty();
            if (first == null) {
                first = response;
            }
        }
        assertThat(json.readTree(first.body()).path("id").asString()).isNotBlank();
    }

    /** The path of the operation, with the id of a timer created for it where it takes one. */
    private String pathWithAFreshTimer(Operation operation) throws Exception {
        if (!operation.path().contains("{id}")) {
            return operation.path();
        }
        var created = send(HttpRequest.newBuilder(uri("/timers"))
                .header("Authorization", KEY.bearer())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"delay\":\"PT1H\",\"url\":\"https://example.com/hook\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return operation
                .path()
                .replace("{id}", json.readTree(created.body()).path("id").asString());
    }

    /** The documented answer of an example: 201 where the operation creates, else its one 2xx. */
    private static String successOf(Operation operation) {
        List<String> codes = new ArrayList<>();
        operation.node().path("responses").propertyNames().forEach(code -> {
            if (code.startsWith("2")) {
                codes.add(code);
            }
        });
        assertThat(codes).as(operation + " documents a success").isNotEmpty();
        return codes.contains("201") ? "201" : codes.getFirst();
    }

    private String body(JsonNode example) {
        JsonNode value = example.path("value");
        return value.isString() ? value.asString() : json.writeValueAsString(value);
    }

    /** What is wrong with the answer, if anything: its status, a documented header, or its body. */
    private List<String> answeredAsDocumented(
            String name, Operation operation, String status, HttpResponse<String> response) throws Exception {
        List<String> wrong = new ArrayList<>();
        if (response.statusCode() != Integer.parseInt(status)) {
            wrong.add(name + ": " + response.statusCode() + " instead of " + status + ": " + response.body());
            return wrong;
        }
        JsonNode documented = resolve(operation.node().path("responses").path(status));
        for (String header : documented.path("headers").propertyNames()) {
            if (response.headers().firstValue(header).isEmpty()) {
                wrong.add(name + ": no " + header + " header");
            }
        }
        JsonNode schema = documented.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            wrong.add(name + ": no schema for the " + status + " answer");
        } else {
            conforms(json.readTree(response.body()), schema, name + ": $", wrong);
        }
        return wrong;
    }

    /**
     * Checks a value against the parts of a JSON schema the document uses: type, required, properties (and
     * nothing besides them), additionalProperties, items, enum and the uuid and date-time formats.
     */
    private void conforms(JsonNode value, JsonNode schema, String at, List<String> wrong) throws Exception {
        schema = resolve(schema);
        if (schema.has("oneOf") || schema.has("anyOf")) {
            return;
        }
        List<String> types = new ArrayList<>();
        if (schema.path("type").isArray()) {
            schema.path("type").forEach(type -> types.add(type.asString()));
        } else if (schema.has("type")) {
            types.add(schema.path("type").asString());
        }
        if (!types.isEmpty() && types.stream().noneMatch(type -> isOfType(value, type))) {
            wrong.add(at + " is " + value + ", not of type " + types);
            return;
        }
        if (schema.has("enum") && !schema.path("enum").valueStream().toList().contains(value)) {
            wrong.add(at + " is " + value + ", not one of " + schema.path("enum"));
        }
        String format = schema.path("format").asString("");
        if (value.isString() && !format.isEmpty()) {
            try {
                switch (format) {
                    case "uuid" -> UUID.fromString(value.asString());
                    case "date-time" -> OffsetDateTime.parse(value.asString());
                    default -> {}
                }
            } catch (RuntimeException e) {
                wrong.add(at + " is " + value + ", not a " + format);
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asString())) {
                    wrong.add(at + " lacks the required " + required.asString());
                }
            }
            JsonNode properties = schema.path("properties");
            for (var property : value.properties()) {
                String where = at + "." + property.getKey();
                if (properties.has(property.getKey())) {
                    conforms(property.getValue(), properties.path(property.getKey()), where, wrong);
                } else if (schema.path("additionalProperties").isObject()) {
                    conforms(property.getValue(), schema.path("additionalProperties"), where, wrong);
                } else if (!properties.isEmpty()
                        || schema.path("additionalProperties").asBoolean(true) == false) {
                    wrong.add(where + " is not documented");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                conforms(item, schema.path("items"), at + "[" + i++ + "]", wrong);
            }
        }
    }

    private static boolean isOfType(JsonNode value, String type) {
        return switch (type) {
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "string" -> value.getNodeType() == JsonNodeType.STRING;
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    /** The node a {@code $ref} points at, within the document; any other node as it is. */
    private JsonNode resolve(JsonNode node) throws Exception {
        while (node.has("$ref")) {
            String ref = node.path("$ref").asString();
            assertThat(ref).startsWith("#/");
            node = spec().at(ref.substring(1));
            assertThat(node.isMissingNode()).as(ref + " resolves").isFalse();
        }
        return node;
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
