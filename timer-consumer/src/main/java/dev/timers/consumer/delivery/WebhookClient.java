package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.consumer.delivery.DeliveryResult.Delivered;
import dev.timers.consumer.delivery.DeliveryResult.Failed;
import dev.timers.core.timer.Timer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a timer's target: one POST with a JSON body and the Standard Webhooks headers. {@code webhook-id} is
 * the timer's id, the same on every attempt, so the receiver can drop a repeat. Redirects are never
 * followed: a 3xx is a failure.
 */
@Component
class WebhookClient {

    private final HttpClient http;
    private final Duration responseTimeout;
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookClient(ConsumerProperties properties) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout())
                .build();
        this.responseTimeout = properties.responseTimeout();
    }

    /** The JSON body the target receives. */
    record Payload(String id, Instant fireAt, Instant firedAt, int attempt) {}

    DeliveryResult call(Timer timer, Instant firedAt, int attempt) {
        byte[] body = json.writeValueAsBytes(new Payload(timer.id().toString(), timer.fireAt(), firedAt, attempt));
        HttpRequest request = HttpRequest.newBuilder(timer.url())
                .timeout(responseTimeout)
                .header("content-type", "application/json")
                .header("user-agent", "Timers")
                .header("webhook-id", timer.id().toString())
                .header("webhook-timestamp", Long.toString(firedAt.getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? new Delivered(status) : new Failed("HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Failed("timed out: " + e.getMessage());
        } catch (IOException e) {
            return new Failed("connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        }
    }
}
