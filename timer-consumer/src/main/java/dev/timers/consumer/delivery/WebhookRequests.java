package dev.timers.consumer.delivery;

import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the request a timer's target receives: the timer's method, the client's headers as given, and its
 * body byte for byte (UTF-8 of the stored text) with its media type; without a body of the client's, POST, PUT
 * and PATCH carry the standard JSON payload and GET and DELETE no body. The Standard Webhooks headers are always
 * ours, signed over exactly the body bytes sent (none: empty bytes).
 *
 * <p>The API refuses client headers that Timers sets itself or that belong to the connection; should one be
 * stored anyway (an older API, an item written by hand), it is dropped here: a client header never replaces a
 * {@code webhook-*} header, the host, the body's framing or its media type.
 */
@Component
class WebhookRequests {

    private static final Logger log = LoggerFactory.getLogger(WebhookRequests.class);

    private final WebhookSigner signer;
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookRequests(WebhookSigner signer) {
        this.signer = signer;
    }

    /** The standard JSON body. */
    record Payload(String id, Instant fireAt, Instant firedAt, int attempt) {}

    /**
     * @param startedAt when this call starts: {@code webhook-timestamp} and the payload's {@code firedAt}
     * @param attempt the payload's {@code attempt}: every call so far, replays included, plus this one
     * @throws IllegalArgumentException for a method Timers does not send (an item the API did not write)
     * @throws SigningUnavailableException when the owner's signing secrets cannot be read now
     */
    SimpleHttpRequest build(Timer timer, Instant startedAt, int attempt) {
        TargetRequest asked = timer.request();
        if (!TargetRequest.METHODS.contains(asked.method())) {
            throw new IllegalArgumentException("method " + asked.method() + " is not one Timers sends");
        }
        String id = timer.id().toString();
        long timestamp = startedAt.getEpochSecond();
        var request = SimpleHttpRequest.create(asked.method(), timer.url());
        asked.headers().forEach((name, value) -> {
            if (sendable(name, value)) {
                request.addHeader(name, value);
            } else {
                // A malformed name is not logged as it is: it could forge log lines.
                String shown = TargetRequest.isHeaderName(name) ? name : "with a malformed name";
                log.warn("Timer {}: header {} not sent: Timers sets it itself, or it is malformed", id, shown);
            }
        });
        byte[] body = body(timer, startedAt, attempt);
        if (asked.ownBody().isPresent()) {
            // The media type exactly as the client gave it, not as a parser would write it back.
            request.setBody(body, null);
            request.setHeader(HttpHeaders.CONTENT_TYPE, asked.contentType());
        } else if (asked.carriesStandardPayload()) {
            request.setBody(body, ContentType.APPLICATION_JSON);
        }
        // Set last, so that they replace anything of the same name.
        request.setHeader("webhook-id", id);
        request.setHeader("webhook-timestamp", Long.toString(timestamp));
        // Signed over these very bytes and header values: the body is sent as it is, never re-encoded.
        signer.signature(timer.owner(), id, timestamp, body)
                .ifPresent(signature -> request.setHeader(WebhookSigner.HEADER, signature));
        return request;
    }

    /** The exact bytes sent as the body; empty when there is none. */
    private byte[] body(Timer timer, Instant startedAt, int attempt) {
        TargetRequest asked = timer.request();
        if (asked.ownBody().isPresent()) {
            return asked.ownBody().get().getBytes(StandardCharsets.UTF_8);
        }
        if (asked.carriesStandardPayload()) {
            return json.writeValueAsBytes(new Payload(timer.id().toString(), timer.fireAt(), startedAt, attempt));
        }
        return new byte[0];
    }

    /** Whether a client header may be sent: a well-formed one that neither Timers nor the connection sets. */
    static boolean sendable(String name, String value) {
        return TargetRequest.isHeaderName(name)
                && !TargetRequest.isReservedHeader(name)
                && value != null
                && value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }
}
