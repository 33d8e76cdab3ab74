package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.timers.consumer.WebhooksProperties;
import dev.timers.core.testing.TestTimers;
import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerOptions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.core5.http.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookRequestsTest {

    private static final Instant NOW = Instant.parse("2027-01-01T09:00:00Z");
    private static final String SECRET = StandardWebhooksReference.randomSecret();

    private final WebhookRequests requests = new WebhookRequests(new WebhookSigner(
            new WebhooksProperties(SECRET, "anonymous", java.time.Duration.ofSeconds(5)),
            owner -> java.util.List.of()));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "webhook-id",
                "Webhook-Signature",
                "WEBHOOK-TIMESTAMP",
                "webhook-anything",
                "Host",
                "Content-Length",
                "content-type",
                "Transfer-Encoding",
                "Connection",
                "Keep-Alive",
                "Proxy-Connection",
                "Proxy-Authorization",
                "TE",
                "Trailer",
                "Upgrade"
            })
    void aHeaderThatTimersOrTheConnectionSetsIsNeverTakenFromTheClient(String name) {
        var request = requests.build(timer(Map.of(name, "forged", "X-Kept", "yes")), NOW, 1);

        assertThat(values(request.getHeaders(name))).doesNotContain("forged");
        assertThat(values(request.getHeaders("X-Kept"))).containsExactly("yes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nInjected: yes", "a\nInjected: yes", "a\u0000b"})
    void aHeaderValueThatWouldBreakTheHeadIsNotSent(String value) {
        var request = requests.build(timer(Map.of("X-Bad", value)), NOW, 1);

        assertThat(request.getHeaders("X-Bad")).isEmpty();
    }

    @Test
    void aHeaderNameThatIsNoTokenIsNotSent() {
        var request = requests.build(timer(Map.of("Bad Name", "x", "Bad:Name", "y")), NOW, 1);

        assertThat(values(request.getHeaders())).doesNotContain("x", "y");
    }

    @Test
    void aMethodOutsideTheContractIsRefusedRatherThanSent() {
        Timer trace = Timer.schedule(
                UUID.randomUUID(),
                TestTimers.TARGET,
                new TargetRequest("TRACE", Map.of(), null, null),
                TimerOptions.DEFAULT,
                NOW,
                NOW,
                Timer.ANONYMOUS_OWNER);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> requests.build(trace, NOW, 1))
                .withMessage("method TRACE is not one Timers sends");
    }

    @Test
    void theSignatureCoversTheBytesSentAndOurHeaderValues() {
        Timer timer = timer(Map.of());

        var request = requests.build(timer, NOW, 1);

        String id = request.getFirstHeader("webhook-id").getValue();
        String timestamp = request.getFirstHeader("webhook-timestamp").getValue();
        assertThat(id).isEqualTo(timer.id().toString());
        assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(request.getFirstHeader("webhook-signature").getValue())
                .isEqualTo(StandardWebhooksReference.sign(SECRET, id, timestamp, request.getBodyBytes()));
    }

    private static Timer timer(Map<String, String> headers) {
        return Timer.schedule(
                UUID.randomUUID(),
                TestTimers.TARGET,
                new TargetRequest("POST", headers, "{}", "application/json"),
                TimerOptions.DEFAULT,
                NOW,
                NOW,
                Timer.ANONYMOUS_OWNER);
    }

    private static String[] values(Header[] headers) {
        return Arrays.stream(headers).map(Header::getValue).toArray(String[]::new);
    }
}
