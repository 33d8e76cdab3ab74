package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.timers.core.store.IdempotencyKeys;
import dev.timers.core.store.OwnerTimers;
import dev.timers.core.store.PendingTimers;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.timer.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One bad request per row, each refused with its status, its problem {@code type} and (for a 400) the field it
 * names, and none of them storing or publishing anything. The web layer, the checks and the services are real;
 * only the store and the broker are mocks.
 */
@WebMvcTest(
        controllers = {TimerController.class, TimerBatchController.class},
        properties = {"timers.api.auth=none", "timers.api.rate-limit.enabled=false"})
@Import(WebSlice.class)
class BadTimerRequestsTest {

    static final Instant NOW = WebSlice.NOW;
    static final String URL = "http://127.0.0.1:9/hook";
    static final String ID = "6f1c8f5e-0000-4000-8000-000000000001";

    static final String INVALID = "urn:timers:problem:invalid-request";
    static final String TARGET_BODY_TOO_LARGE = "urn:timers:problem:target-body-too-large";
    static final String BODY_TOO_LARGE = "urn:timers:problem:body-too-large";
    static final String UNSUPPORTED_MEDIA_TYPE = "urn:timers:problem:unsupported-media-type";
    static final String METHOD_NOT_ALLOWED = "urn:timers:problem:method-not-allowed";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    TimerRepository repository;

    @MockitoBean
    WakeUpHandOff wakeUps;

    @MockitoBean
    PendingTimers pendingTimers;

    @MockitoBean
    IdempotencyKeys idempotencyKeys;

    @MockitoBean
    OwnerTimers ownerTimers;

    /**
     * A bad request and how it is refused.
     *
     * @param field the field {@code errors[].field} names, or null when the request has no field to blame
     */
    record Row(
            String name,
            HttpMethod method,
            String path,
            String contentType,
            String body,
            Map<String, String> headers,
            int status,
            String type,
            String field) {

        static Row create(String name, String body) {
            return new Row(
                    name, HttpMethod.POST, "/timers", MediaType.APPLICATION_JSON_VALUE, body, Map.of(), 0, null, null);
        }

        static Row call(String name, HttpMethod method, String path, String body) {
            return new Row(
                    name,
                    method,
                    path,
                    body == null ? null : MediaType.APPLICATION_JSON_VALUE,
                    body,
                    Map.of(),
                    0,
                    null,
                    null);
        }

        Row contentType(String contentType) {
            return new Row(name, method, path, contentType, body, headers, status, type, field);
        }

        Row header(String header, String value) {
            var more = new LinkedHashMap<>(headers);
            more.put(header, value);
            return new Row(name, method, path, contentType, body, more, status, type, field);
        }

        Row invalid(String field) {
            return answers(400, INVALID, field);
        }

        Row answers(int status, String type, String field) {
            return new Row(name, method, path, contentType, body, headers, status, type, field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A timer that is valid but for {@code fields}, which are added to its own. */
    static String timer(String fields) {
        return "{\"seconds\":30,\"url\":\"" + URL + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    /** A timer with a url and {@code fields}, and no time unless they give one. */
    static String withUrl(String fields) {
        return "{\"url\":\"" + URL + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    /** A timer of 30 seconds to {@code url}, given as JSON (a string literal, a number, null). */
    static String to(String url) {
        return "{\"seconds\":30,\"url\":" + url + "}";
    }

    static String string(String text) {
        return "\"" + text + "\"";
    }

    static String entries(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> string(prefix + i) + ":\"v\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String items(int count) {
        return Stream.generate(() -> timer("")).limit(count).collect(Collectors.joining(",", "[", "]"));
    }

    static Stream<Row> badRequests() {
        return Stream.of(
                        timeRows(),
                        urlRows(),
                        methodRows(),
                        headerRows(),
                        bodyRows(),
                        contentTypeRows(),
                        metadataRows(),
                        retryRows(),
                        onOverdueRows(),
                        shapeRows(),
                        idempotencyKeyRows(),
                        listRows(),
                        idAndRescheduleRows(),
                        batchRows())
                .flatMap(rows -> rows);
    }

    static Stream<Row> timeRows() {
        return Stream.of(
                Row.create("time: none given", withUrl("")).invalid("fireAt"),
                Row.create("time: every form null", withUrl("\"seconds\":null,\"delay\":null,\"fireAt\":null"))
                        .invalid("fireAt"),
                Row.create("time: seconds and delay at once", timer("\"delay\":\"PT30S\""))
                        .invalid("time"),
                Row.create("time: hours and fireAt at once", withUrl("\"hours\":1,\"fireAt\":\"2026-06-02T00:00:00Z\""))
                        .invalid("time"),
                Row.create("hours: negative", withUrl("\"hours\":-1")).invalid("hours"),
                Row.create("minutes: negative beside positive seconds", withUrl("\"minutes\":-5,\"seconds\":600"))
                        .invalid("minutes"),
                Row.create("seconds: Long.MIN_VALUE", withUrl("\"seconds\":-9223372036854775808"))
                        .invalid("seconds"),
                Row.create("seconds: a fraction", withUrl("\"seconds\":1.5")).invalid("seconds"),
                Row.create("seconds: 5.0 is still a fraction", withUrl("\"seconds\":5.0"))
                        .invalid("seconds"),
                Row.create("seconds: a number in a string", withUrl("\"seconds\":\"30\""))
                        .invalid("seconds"),
                Row.create("seconds: a boolean", withUrl("\"seconds\":true")).invalid("seconds"),
                Row.create("seconds: zero", withUrl("\"seconds\":0")).invalid("seconds"),
                Row.create("hours: beyond a long", withUrl("\"hours\":99999999999999999999999"))
                        .invalid("hours"),
                Row.create("hours: Long.MAX_VALUE overflows the sum", withUrl("\"hours\":9223372036854775807"))
                        .invalid("hours"),
                Row.create("hours: one past max-delay (3653 days)", withUrl("\"hours\":87673"))
                        .invalid("hours"),
                Row.create("delay: not ISO-8601", withUrl("\"delay\":\"30 seconds\""))
                        .invalid("delay"),
                Row.create("delay: negative", withUrl("\"delay\":\"-PT30S\"")).invalid("delay"),
                Row.create("delay: PT0S", withUrl("\"delay\":\"PT0S\"")).invalid("delay"),
                Row.create("delay: under a second", withUrl("\"delay\":\"PT0.5S\""))
                        .invalid("delay"),
                Row.create("delay: beyond max-delay", withUrl("\"delay\":\"P3654D\""))
                        .invalid("delay"),
                Row.create("delay: the longest duration", withUrl("\"delay\":\"PT2562047788015215H\""))
                        .invalid("delay"),
                Row.create("delay: overflows a duration", withUrl("\"delay\":\"PT99999999999999999999H\""))
                        .invalid("delay"),
                Row.create("delay: a number", withUrl("\"delay\":30")).invalid("delay"),
                Row.create("fireAt: without an offset", withUrl("\"fireAt\":\"2026-06-01T13:00:00\""))
                        .invalid("fireAt"),
                Row.create("fireAt: not a date", withUrl("\"fireAt\":\"tomorrow\""))
                        .invalid("fireAt"),
                Row.create("fireAt: epoch seconds", withUrl("\"fireAt\":1780000000"))
                        .invalid("fireAt"),
                Row.create(
                                "fireAt: 11 s in the past, beyond the 10 s grace",
                                withUrl("\"fireAt\":"
                                        + string(NOW.minusSeconds(11).toString())))
                        .invalid("fireAt"),
                Row.create(
                                "fireAt: beyond max-delay",
                                withUrl("\"fireAt\":"
                                        + string(NOW.plus(Duration.ofDays(3654)).toString())))
                        .invalid("fireAt"),
                Row.create("fireAt: the last year there is", withUrl("\"fireAt\":\"+999999999-12-31T23:59:59Z\""))
                        .invalid("fireAt"),
                Row.create("fireAt: the first year there is", withUrl("\"fireAt\":\"-999999999-01-01T00:00:00+18:00\""))
                        .invalid("fireAt"));
    }

    static Stream<Row> urlRows() {
        return Stream.of(
                Row.create("url: missing", "{\"seconds\":30}").invalid("url"),
                Row.create("url: null", to("null")).invalid("url"),
                Row.create("url: blank", to("\"   \"")).invalid("url"),
                Row.create("url: a number", to("42")).invalid("url"),
                Row.create("url: not absolute", to("\"/hook\"")).invalid("url"),
                Row.create("url: scheme only", to("\"http:\"")).invalid("url"),
                Row.create("url: ftp scheme", to("\"ftp://127.0.0.1:9/hook\"")).invalid("url"),
                Row.create("url: mailto", to("\"mailto:ops@example.com\"")).invalid("url"),
                Row.create("url: userinfo", to("\"http://user:secret@127.0.0.1:9/hook\""))
                        .invalid("url"),
                Row.create("url: no host", to("\"http:///hook\"")).invalid("url"),
                Row.create("url: a space", to("\"http://127.0.0.1:9/a b\"")).invalid("url"),
                Row.create("url: port 0", to("\"http://127.0.0.1:0/hook\"")).invalid("url"),
                Row.create("url: port 65536", to("\"http://127.0.0.1:65536/hook\""))
                        .invalid("url"),
                Row.create("url: port 99999", to("\"http://127.0.0.1:99999/hook\""))
                        .invalid("url"),
                Row.create("url: port beyond an int", to("\"http://127.0.0.1:99999999999/hook\""))
                        .invalid("url"),
                Row.create("url: port -1", to("\"http://127.0.0.1:-1/hook\"")).invalid("url"),
                Row.create("url: empty port", to("\"http://127.0.0.1:/hook\"")).invalid("url"),
                Row.create("url: 2049 characters", to(string(URL + "/" + "x".repeat(2048 - URL.length()))))
                        .invalid("url"),
                Row.create("url: 500,000 characters", to(string(URL + "/" + "x".repeat(500_000 - URL.length() - 1))))
                        .invalid("url"));
    }

    static Stream<Row> methodRows() {
        return Stream.of(
                Row.create("method: lowercase", timer("\"method\":\"post\"")).invalid("method"),
                Row.create("method: unknown", timer("\"method\":\"FETCH\"")).invalid("method"),
                Row.create("method: a number", timer("\"method\":1")).invalid("method"));
    }

    static Stream<Row> headerRows() {
        return Stream.of(
                Row.create("headers: not an object", timer("\"headers\":\"X-A: 1\""))
                        .invalid("headers"),
                Row.create("headers: a list", timer("\"headers\":[\"X-A\"]")).invalid("headers"),
                Row.create("headers: null as value", timer("\"headers\":{\"X-A\":null}"))
                        .invalid("headers.X-A"),
                Row.create("headers: 21 of them", timer("\"headers\":" + entries("X-H", 21)))
                        .invalid("headers"),
                Row.create(
                                "headers: a name of 129 characters",
                                timer("\"headers\":{\"" + "N".repeat(129) + "\":\"v\"}"))
                        .invalid("headers." + "N".repeat(40) + "..."),
                Row.create("headers: a space in the name", timer("\"headers\":{\"X Bad\":\"v\"}"))
                        .invalid("headers.X Bad"),
                Row.create("headers: a colon in the name", timer("\"headers\":{\"X-A:\":\"v\"}"))
                        .invalid("headers.X-A:"),
                Row.create("headers: a name not ASCII", timer("\"headers\":{\"X-\u00c4\":\"1\"}"))
                        .invalid("headers.X-\u00c4"),
                Row.create("headers: CR LF in a value", timer("\"headers\":{\"X-A\":\"a\\r\\nX-Injected: 1\"}"))
                        .invalid("headers.X-A"),
                Row.create(
                                "headers: a value of 2049 characters",
                                timer("\"headers\":{\"X-A\":" + string("v".repeat(2049)) + "}"))
                        .invalid("headers.X-A"),
                Row.create("headers: a value not ASCII", timer("\"headers\":{\"X-A\":\"caf\u00e9\"}"))
                        .invalid("headers.X-A"),
                Row.create("headers: Host", timer("\"headers\":{\"Host\":\"example.com\"}"))
                        .invalid("headers.Host"),
                Row.create("headers: Content-Length", timer("\"headers\":{\"Content-Length\":\"5\"}"))
                        .invalid("headers.Content-Length"),
                Row.create("headers: Transfer-Encoding", timer("\"headers\":{\"Transfer-Encoding\":\"chunked\"}"))
                        .invalid("headers.Transfer-Encoding"),
                Row.create("headers: Connection", timer("\"headers\":{\"Connection\":\"close\"}"))
                        .invalid("headers.Connection"),
                Row.create("headers: Content-Type", timer("\"headers\":{\"Content-Type\":\"text/plain\"}"))
                        .invalid("headers.Content-Type"),
                Row.create("headers: webhook-id", timer("\"headers\":{\"webhook-id\":\"msg_1\"}"))
                        .invalid("headers.webhook-id"),
                Row.create("headers: WEBHOOK-signature", timer("\"headers\":{\"WEBHOOK-signature\":\"v1,x\"}"))
                        .invalid("headers.WEBHOOK-signature"),
                Row.create(
                                "headers: one name twice in another case",
                                timer("\"headers\":{\"X-Trace\":\"1\",\"x-trace\":\"2\"}"))
                        .invalid("headers.x-trace"));
    }

    static Stream<Row> bodyRows() {
        return Stream.of(
                Row.create(
                                "body: a string of 64 KiB + 1 byte",
                                timer("\"contentType\":\"text/plain\",\"body\":" + string("b".repeat(64 * 1024 + 1))))
                        .answers(413, TARGET_BODY_TOO_LARGE, "body"),
                Row.create("body: JSON over 64 KiB", timer("\"body\":{\"text\":" + string("b".repeat(64 * 1024)) + "}"))
                        .answers(413, TARGET_BODY_TOO_LARGE, "body"),
                Row.create(
                                "body: 40,000 characters of two bytes each",
                                timer("\"contentType\":\"text/plain\",\"body\":" + string("\u00e9".repeat(40_000))))
                        .answers(413, TARGET_BODY_TOO_LARGE, "body"),
                Row.create(
                                "body: not a string with a contentType",
                                timer("\"contentType\":\"text/plain\",\"body\":{\"a\":1}"))
                        .invalid("body"),
                Row.create("body: on a GET", timer("\"method\":\"GET\",\"body\":{\"a\":1}"))
                        .invalid("body"));
    }

    static Stream<Row> contentTypeRows() {
        return Stream.of(
                Row.create("contentType: without a body", timer("\"contentType\":\"text/plain\""))
                        .invalid("contentType"),
                Row.create("contentType: with a null body", timer("\"contentType\":\"text/plain\",\"body\":null"))
                        .invalid("contentType"),
                Row.create("contentType: malformed", timer("\"contentType\":\"text\",\"body\":\"hi\""))
                        .invalid("contentType"),
                Row.create("contentType: */*", timer("\"contentType\":\"*/*\",\"body\":\"hi\""))
                        .invalid("contentType"),
                Row.create("contentType: text/*", timer("\"contentType\":\"text/*\",\"body\":\"hi\""))
                        .invalid("contentType"),
                Row.create("contentType: a number", timer("\"contentType\":1,\"body\":\"hi\""))
                        .invalid("contentType"),
                Row.create("contentType: not ASCII", timer("\"contentType\":\"text/pl\u00e4in\",\"body\":\"hi\""))
                        .invalid("contentType"),
                Row.create(
                                "contentType: over 255 characters",
                                timer("\"contentType\":\"text/" + "p".repeat(300) + "\",\"body\":\"hi\""))
                        .invalid("contentType"),
                Row.create(
                                "contentType: CR LF and a header after it",
                                timer("\"contentType\":\"text/plain\\r\\nX-Injected: 1\",\"body\":\"hi\""))
                        .invalid("contentType"),
                Row.create(
                                "contentType: CR LF in a quoted parameter",
                                timer("\"contentType\":\"text/plain; charset=\\\"a\\r\\nb\\\"\",\"body\":\"hi\""))
                        .invalid("contentType"));
    }

    static Stream<Row> metadataRows() {
        return Stream.of(
                Row.create("metadata: not an object", timer("\"metadata\":\"order-1\""))
                        .invalid("metadata"),
                Row.create("metadata: 21 entries", timer("\"metadata\":" + entries("k", 21)))
                        .invalid("metadata"),
                Row.create("metadata: a key of 65 characters", timer("\"metadata\":{\"" + "k".repeat(65) + "\":\"v\"}"))
                        .invalid("metadata." + "k".repeat(40) + "..."),
                Row.create("metadata: an empty key", timer("\"metadata\":{\"\":\"v\"}"))
                        .invalid("metadata."),
                Row.create(
                                "metadata: a value of 513 characters",
                                timer("\"metadata\":{\"k\":" + string("v".repeat(513)) + "}"))
                        .invalid("metadata.k"),
                Row.create("metadata: null as value", timer("\"metadata\":{\"k\":null}"))
                        .invalid("metadata.k"));
    }

    static Stream<Row> retryRows() {
        return Stream.of(
                Row.create(
                                "retry: maxAttempts and schedule",
                                timer("\"retry\":{\"maxAttempts\":3,\"schedule\":[\"PT10S\"]}"))
                        .invalid("retry"),
                Row.create("retry: neither maxAttempts nor schedule", timer("\"retry\":{}"))
                        .invalid("retry"),
                Row.create("retry: not an object", timer("\"retry\":3")).invalid("retry"),
                Row.create("retry: an unknown field", timer("\"retry\":{\"maxAttempts\":3,\"backoff\":2}"))
                        .invalid("retry.backoff"),
                Row.create("retry.maxAttempts: 0", timer("\"retry\":{\"maxAttempts\":0}"))
                        .invalid("retry.maxAttempts"),
                Row.create("retry.maxAttempts: 21", timer("\"retry\":{\"maxAttempts\":21}"))
                        .invalid("retry.maxAttempts"),
                Row.create("retry.maxAttempts: a fraction", timer("\"retry\":{\"maxAttempts\":2.5}"))
                        .invalid("retry.maxAttempts"),
                Row.create("retry.maxAttempts: a string", timer("\"retry\":{\"maxAttempts\":\"3\"}"))
                        .invalid("retry.maxAttempts"),
                Row.create("retry.maxAttempts: beyond an int", timer("\"retry\":{\"maxAttempts\":99999999999}"))
                        .invalid("retry.maxAttempts"),
                Row.create("retry.schedule: not a list", timer("\"retry\":{\"schedule\":\"PT10S\"}"))
                        .invalid("retry.schedule"),
                Row.create("retry.schedule: an entry not ISO-8601", timer("\"retry\":{\"schedule\":[\"ten seconds\"]}"))
                        .invalid("retry.schedule[0]"),
                Row.create(
                                "retry.schedule: an entry under PT1S",
                                timer("\"retry\":{\"schedule\":[\"PT10S\",\"PT0.5S\"]}"))
                        .invalid("retry.schedule[1]"),
                Row.create("retry.schedule: an entry over a day", timer("\"retry\":{\"schedule\":[\"P1DT1S\"]}"))
                        .invalid("retry.schedule[0]"),
                Row.create(
                                "retry.schedule: an entry that overflows",
                                timer("\"retry\":{\"schedule\":[\"PT99999999999999999999H\"]}"))
                        .invalid("retry.schedule[0]"),
                Row.create("retry.schedule: a number as entry", timer("\"retry\":{\"schedule\":[10]}"))
                        .invalid("retry.schedule[0]"),
                Row.create("retry.schedule: a null entry", timer("\"retry\":{\"schedule\":[null]}"))
                        .invalid("retry.schedule[0]"),
                Row.create(
                                "retry.schedule: 20 entries",
                                timer("\"retry\":{\"schedule\":"
                                        + Stream.generate(() -> "\"PT1S\"")
                                                .limit(20)
                                                .collect(Collectors.joining(",", "[", "]"))
                                        + "}"))
                        .invalid("retry.schedule"));
    }

    static Stream<Row> onOverdueRows() {
        return Stream.of(
                Row.create("onOverdue: an unknown word", timer("\"onOverdue\":\"SKIP\""))
                        .invalid("onOverdue"),
                Row.create("onOverdue: fire in lowercase", timer("\"onOverdue\":\"fire\""))
                        .invalid("onOverdue"),
                Row.create("onOverdue: a number", timer("\"onOverdue\":600")).invalid("onOverdue"),
                Row.create("onOverdue: a misspelt field", timer("\"onOverdue\":{\"skipIfLater\":\"PT10M\"}"))
                        .invalid("onOverdue"),
                Row.create(
                                "onOverdue: an extra field",
                                timer("\"onOverdue\":{\"skipIfLaterThan\":\"PT10M\",\"then\":\"FIRE\"}"))
                        .invalid("onOverdue"),
                Row.create(
                                "onOverdue: a limit not ISO-8601",
                                timer("\"onOverdue\":{\"skipIfLaterThan\":\"ten minutes\"}"))
                        .invalid("onOverdue.skipIfLaterThan"),
                Row.create("onOverdue: a limit of PT0S", timer("\"onOverdue\":{\"skipIfLaterThan\":\"PT0S\"}"))
                        .invalid("onOverdue.skipIfLaterThan"),
                Row.create("onOverdue: a negative limit", timer("\"onOverdue\":{\"skipIfLaterThan\":\"-PT10M\"}"))
                        .invalid("onOverdue.skipIfLaterThan"));
    }

    static Stream<Row> shapeRows() {
        return Stream.of(
                Row.create("an unknown field", timer("\"secnds\":5")).invalid("secnds"),
                Row.create("malformed JSON", "{\"seconds\":30,\"url\":\"" + URL + "\"")
                        .invalid(null),
                Row.create("trailing garbage", timer("") + " trailing").invalid(null),
                Row.create("a field given twice", "{\"seconds\":30,\"seconds\":40,\"url\":\"" + URL + "\"}")
                        .invalid(null),
                Row.create("a second object after the first", timer("") + timer(""))
                        .invalid(null),
                Row.create("an empty body", "").invalid(null),
                Row.create("a JSON array", "[" + timer("") + "]").invalid(null),
                Row.create("a JSON string", "\"a timer\"").invalid(null),
                Row.create("JSON null", "null").invalid(null),
                Row.create("text/plain", timer(""))
                        .contentType("text/plain")
                        .answers(415, UNSUPPORTED_MEDIA_TYPE, null),
                Row.create("no content type", timer("")).contentType(null).answers(415, UNSUPPORTED_MEDIA_TYPE, null),
                Row.create(
                                "a request body over 1 MB",
                                timer("\"metadata\":{\"k\":" + string("v".repeat(1024 * 1024)) + "}"))
                        .answers(413, BODY_TOO_LARGE, null),
                Row.call("PUT /timers", HttpMethod.PUT, "/timers", timer("")).answers(405, METHOD_NOT_ALLOWED, null));
    }

    static Stream<Row> idempotencyKeyRows() {
        return Stream.of(
                Row.create("Idempotency-Key: 256 characters", timer(""))
                        .header("Idempotency-Key", "k".repeat(256))
                        .invalid("Idempotency-Key"),
                Row.create("Idempotency-Key: with a space", timer(""))
                        .header("Idempotency-Key", "order 1")
                        .invalid("Idempotency-Key"),
                Row.create("Idempotency-Key: empty", timer(""))
                        .header("Idempotency-Key", "")
                        .invalid("Idempotency-Key"));
    }

    static Stream<Row> listRows() {
        return Stream.of(
                Row.call("list: limit 0", HttpMethod.GET, "/timers?limit=0", null)
                        .invalid("limit"),
                Row.call("list: limit -1", HttpMethod.GET, "/timers?limit=-1", null)
                        .invalid("limit"),
                Row.call("list: limit 501", HttpMethod.GET, "/timers?limit=501", null)
                        .invalid("limit"),
                Row.call("list: limit ten", HttpMethod.GET, "/timers?limit=ten", null)
                        .invalid("limit"),
                Row.call("list: limit 2.5", HttpMethod.GET, "/timers?limit=2.5", null)
                        .invalid("limit"),
                Row.call("list: limit beyond an int", HttpMethod.GET, "/timers?limit=99999999999", null)
                        .invalid("limit"),
                Row.call("list: status unknown", HttpMethod.GET, "/timers?status=WAITING", null)
                        .invalid("status"),
                Row.call("list: status in lowercase", HttpMethod.GET, "/timers?status=scheduled", null)
                        .invalid("status"),
                Row.call("list: status empty", HttpMethod.GET, "/timers?status=", null)
                        .invalid("status"),
                Row.call("list: cursor garbage", HttpMethod.GET, "/timers?cursor=!!!", null)
                        .invalid("cursor"),
                Row.call("list: cursor of base64 but no cursor", HttpMethod.GET, "/timers?cursor=aGVsbG8", null)
                        .invalid("cursor"),
                Row.call("list: cursor empty", HttpMethod.GET, "/timers?cursor=", null)
                        .invalid("cursor"));
    }

    static Stream<Row> idAndRescheduleRows() {
        String path = "/timers/" + ID;
        return Stream.of(
                Row.call("read: a bad id", HttpMethod.GET, "/timers/not-a-uuid", null)
                        .invalid("id"),
                Row.call("cancel: a bad id", HttpMethod.DELETE, "/timers/not-a-uuid", null)
                        .invalid("id"),
                Row.call("replay: a bad id", HttpMethod.POST, "/timers/not-a-uuid/replay", null)
                        .invalid("id"),
                Row.call("reschedule: a bad id", HttpMethod.PATCH, "/timers/not-a-uuid", "{\"seconds\":5}")
                        .invalid("id"),
                Row.call("reschedule: two forms", HttpMethod.PATCH, path, "{\"seconds\":5,\"delay\":\"PT5S\"}")
                        .invalid("time"),
                Row.call("reschedule: no form", HttpMethod.PATCH, path, "{}").invalid("fireAt"),
                Row.call(
                                "reschedule: an unknown field",
                                HttpMethod.PATCH,
                                path,
                                "{\"seconds\":5,\"url\":\"" + URL + "\"}")
                        .invalid("url"),
                Row.call("reschedule: delay PT0S", HttpMethod.PATCH, path, "{\"delay\":\"PT0S\"}")
                        .invalid("delay"),
                Row.call(
                                "reschedule: fireAt in the past",
                                HttpMethod.PATCH,
                                path,
                                "{\"fireAt\":\"2020-01-01T00:00:00Z\"}")
                        .invalid("fireAt"),
                Row.call("reschedule: malformed JSON", HttpMethod.PATCH, path, "{\"seconds\":")
                        .invalid(null),
                Row.call("reschedule: text/plain", HttpMethod.PATCH, path, "{\"seconds\":5}")
                        .contentType("text/plain")
                        .answers(415, UNSUPPORTED_MEDIA_TYPE, null));
    }

    static Stream<Row> batchRows() {
        return Stream.of(
                Row.call("batch: no items", HttpMethod.POST, "/timers/batch", "{\"timers\":[]}")
                        .invalid("timers"),
                Row.call("batch: 101 items", HttpMethod.POST, "/timers/batch", "{\"timers\":" + items(101) + "}")
                        .invalid("timers"),
                Row.call("batch: timers not a list", HttpMethod.POST, "/timers/batch", "{\"timers\":" + timer("") + "}")
                        .invalid("timers"),
                Row.call("batch: timers missing", HttpMethod.POST, "/timers/batch", "{}")
                        .invalid("timers"),
                Row.call("batch: timers null", HttpMethod.POST, "/timers/batch", "{\"timers\":null}")
                        .invalid("timers"),
                Row.call("batch: a list instead of an object", HttpMethod.POST, "/timers/batch", items(2))
                        .invalid(null),
                Row.call("batch: an unknown field", HttpMethod.POST, "/timers/batch", "{\"timer\":" + items(1) + "}")
                        .invalid("timer"),
                Row.call("batch: text/plain", HttpMethod.POST, "/timers/batch", "{\"timers\":" + items(1) + "}")
                        .contentType("text/plain")
                        .answers(415, UNSUPPORTED_MEDIA_TYPE, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithAProblemAndNothingIsStoredOrPublished(Row row) throws Exception {
        var response = mvc.perform(requestOf(row)).andReturn().getResponse();
        String text = response.getContentAsString();
        String answer = row + " answered " + response.getStatus() + " " + response.getContentType() + " " + text;

        assertThat(response.getStatus()).as(answer).isEqualTo(row.status());
        assertThat(response.getContentType()).as(answer).isNotNull();
        assertThat(MediaType.parseMediaType(response.getContentType())
                        .equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
                .as(answer)
                .isTrue();
        JsonNode problem = json.readTree(text);
        assertThat(problem.path("type").asString()).as(answer).isEqualTo(row.type());
        assertThat(problem.path("status").asInt()).as(answer).isEqualTo(row.status());
        assertThat(problem.path("detail").asString()).as(answer).isNotBlank();
        if (row.field() != null) {
            assertNamesTheField(problem, row.field());
        }
        verifyNothingStoredOrPublished();
    }

    /**
     * Numbers and booleans where a header or metadata value is a string. The JSON settings refuse a string for a
     * number but turn a number or a boolean into a string, so these timers are created with "5" or "true", and
     * by the time the headers and metadata are checked what the client sent can no longer be told apart.
     * Refusing them takes the mapper's coercion of scalars into text turned off, or these maps read as JSON.
     */
    static Stream<Row> scalarsForStrings() {
        return Stream.of(
                Row.create("headers: a number as value", timer("\"headers\":{\"X-A\":5}"))
                        .invalid("headers.X-A"),
                Row.create("headers: a boolean as value", timer("\"headers\":{\"X-A\":true}"))
                        .invalid("headers.X-A"),
                Row.create("metadata: a number as value", timer("\"metadata\":{\"k\":1}"))
                        .invalid("metadata.k"),
                Row.create("metadata: a boolean as value", timer("\"metadata\":{\"k\":false}"))
                        .invalid("metadata.k"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalarsForStrings")
    void aScalarWhereAStringBelongsIsRefused(Row row) throws Exception {
        isRefusedWithAProblemAndNothingIsStoredOrPublished(row);
    }

    @Test
    void aBatchAnswersEachBadItemWithItsProblemAndCreatesOnlyTheValidOnes() throws Exception {
        JsonNode results = batch(
                timer("\"metadata\":{\"n\":\"first\"}"),
                withUrl("\"seconds\":1.5"),
                to("\"ftp://127.0.0.1:9/hook\""),
                timer("\"contentType\":\"text/plain\",\"body\":" + string("b".repeat(64 * 1024 + 1))),
                timer("\"secnds\":5"),
                timer("\"headers\":{\"Host\":\"example.com\"}"),
                "\"a timer\"",
                "null",
                timer("\"metadata\":{\"n\":\"second\"}"));

        assertThat(results).hasSize(9);
        assertCreated(results.get(0));
        assertRefused(results.get(1), 400, INVALID, "seconds");
        assertRefused(results.get(2), 400, INVALID, "url");
        assertRefused(results.get(3), 413, TARGET_BODY_TOO_LARGE, "body");
        assertRefused(results.get(4), 400, INVALID, "secnds");
        assertRefused(results.get(5), 400, INVALID, "headers.Host");
        assertRefused(results.get(6), 400, INVALID, null);
        assertRefused(results.get(7), 400, INVALID, null);
        assertCreated(results.get(8));

        var created = ArgumentCaptor.forClass(Timer.class);
        verify(repository, times(2)).create(created.capture(), anyBoolean());
        assertThat(created.getAllValues())
                .extracting(timer -> timer.options().metadata().get("n"))
                .containsExactly("first", "second");
        verify(idempotencyKeys, never()).take(any(), any(), any(), any());
    }

    @Test
    void aBatchOfOnlyBadItemsCreatesNothing() throws Exception {
        JsonNode results =
                batch(withUrl(""), timer("\"retry\":{\"maxAttempts\":0}"), timer("\"onOverdue\":\"SKIP\""), "[]", "42");

        assertRefused(results.get(0), 400, INVALID, "fireAt");
        assertRefused(results.get(1), 400, INVALID, "retry.maxAttempts");
        assertRefused(results.get(2), 400, INVALID, "onOverdue");
        assertRefused(results.get(3), 400, INVALID, null);
        assertRefused(results.get(4), 400, INVALID, null);
        verify(repository, never()).create(any(), anyBoolean());
        verify(wakeUps, never()).publish(any(), any(), any());
    }

    /** Posts {@code items} as one batch, which answers 200 whatever its items are; its {@code results}. */
    private JsonNode batch(String... items) throws Exception {
        var response = mvc.perform(post("/timers/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"timers\":[" + String.join(",", items) + "]}"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn()
                .getResponse();
        JsonNode results = json.readTree(response.getContentAsString()).path("results");
        assertThat(results).as(response.getContentAsString()).hasSize(items.length);
        for (int i = 0; i < items.length; i++) {
            assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
        }
        return results;
    }

    private static void assertCreated(JsonNode result) {
        assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(201);
        assertThat(result.path("timer").path("id").asString())
                .as(result.toString())
                .isNotBlank();
        assertThat(result.has("problem")).as(result.toString()).isFalse();
    }

    private static void assertRefused(JsonNode result, int status, String type, String field) {
        assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(status);
        assertThat(result.has("timer")).as(result.toString()).isFalse();
        JsonNode problem = result.path("problem");
        assertThat(problem.path("type").asString()).as(result.toString()).isEqualTo(type);
        assertThat(problem.path("status").asInt()).as(result.toString()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).as(result.toString()).isNotBlank();
        if (field != null) {
            assertNamesTheField(problem, field);
        }
    }

    /** Among {@code errors}, one names the field, and its message names the field too. */
    private static void assertNamesTheField(JsonNode problem, String field) {
        List<String> fields = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        problem.path("errors").forEach(error -> {
            fields.add(error.path("field").asString());
            if (error.path("field").asString().equals(field)) {
                messages.add(error.path("message").asString());
            }
        });
        assertThat(fields).as(problem.toString()).contains(field);
        assertThat(messages)
                .as(problem.toString())
                .allSatisfy(message -> assertThat(message).contains(field));
    }

    private MockHttpServletRequestBuilder requestOf(Row row) {
        var builder = request(row.method(), row.path());
        if (row.contentType() != null) {
            builder.contentType(row.contentType());
        }
        if (row.body() != null) {
            builder.content(row.body());
        }
        row.headers().forEach(builder::header);
        return builder;
    }

    /** Nothing written, published or even read: a bad request is refused before the store is asked anything. */
    private void verifyNothingStoredOrPublished() {
        verify(repository, never()).create(any(), anyBoolean());
        verify(repository, never()).changeFireTime(any(), any(), anyBoolean());
        verify(repository, never()).replay(any(), any(), anyBoolean());
        verify(repository, never()).cancel(any());
        verify(idempotencyKeys, never()).take(any(), any(), any(), any());
        verify(wakeUps, never()).publish(any(), any(), any());
        verifyNoInteractions(repository, idempotencyKeys, wakeUps, pendingTimers, ownerTimers);
    }
}
