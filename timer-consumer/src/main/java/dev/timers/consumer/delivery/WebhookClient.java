package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.consumer.delivery.DeliveryResult.Delivered;
import dev.timers.consumer.delivery.DeliveryResult.Failed;
import dev.timers.consumer.delivery.DeliveryResult.Retry;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookClient(ConsumerProperties properties, Clock clock) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout())
                .build();
        this.responseTimeout = properties.responseTimeout();
        this.clock = clock;
    }

    /** The JSON body the target receives. */
    record Payload(String id, Instant fireAt, Instant firedAt, int attempt) {}

    DeliveryResult call(Timer timer, int attempt) {
        Instant startedAt = clock.instant();
        byte[] body = json.writeValueAsBytes(new Payload(timer.id().toString(), timer.fireAt(), startedAt, attempt));
        HttpRequest request = HttpRequest.newBuilder(timer.url())
                .timeout(responseTimeout)
                .header("content-type", "application/json")
                .header("user-agent", "Timers")
                .header("webhook-id", timer.id().toString())
                .header("webhook-timestamp", Long.toString(startedAt.getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return classify(response, startedAt);
        } catch (HttpTimeoutException e) {
            return new Retry(attempt(startedAt, null, "timed out"), "timed out", Optional.empty());
        } catch (IOException e) {
            String reason = "connection failed: " + e;
            return new Retry(attempt(startedAt, null, reason), reason, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Retry(attempt(startedAt, null, "interrupted"), "interrupted", Optional.empty());
        }
    }

    private DeliveryResult classify(HttpResponse<Void> response, Instant startedAt) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Delivered(attempt(startedAt, status, null));
        }
        String reason = "HTTP " + status;
        Attempt attempt = attempt(startedAt, status, reason);
        if (status == 408 || status == 429 || status >= 500) {
            return new Retry(
                    attempt, reason, RetryAfter.parse(response.headers().firstValue("retry-after"), startedAt));
        }
        return new Failed(attempt, status >= 300 && status < 400 ? reason + " (redirects are not followed)" : reason);
    }

    private Attempt attempt(Instant startedAt, Integer status, String error) {
        return new Attempt(startedAt, status, error, Duration.between(startedAt, clock.instant()));
    }
}
