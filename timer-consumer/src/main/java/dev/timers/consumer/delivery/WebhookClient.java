package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.consumer.delivery.DeliveryResult.Delivered;
import dev.timers.consumer.delivery.DeliveryResult.Failed;
import dev.timers.consumer.delivery.DeliveryResult.Retry;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        CompletableFuture<HttpResponse<Void>> exchange = null;
        try {
            exchange = http.sendAsync(request(timer, startedAt, attempt), HttpResponse.BodyHandlers.discarding());
            // One deadline for the whole exchange: a target that answers at once but trickles its body must
            // not hold this thread past the lease.
            return classify(exchange.get(responseTimeout.toMillis(), TimeUnit.MILLISECONDS), startedAt);
        } catch (TimeoutException e) {
            return retry(startedAt, "timed out after " + responseTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return e.getCause() instanceof HttpTimeoutException
                    ? retry(startedAt, "timed out: " + e.getCause().getMessage())
                    : retry(startedAt, "connection failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return retry(startedAt, "interrupted");
        } catch (RuntimeException e) {
            // A URL the HTTP client refuses outright (the API checks URLs, but rules can change): no retry helps.
            String reason = "request refused by the HTTP client: " + e.getMessage();
            return new Failed(attempt(startedAt, null, reason), reason);
        } finally {
            if (exchange != null) {
                exchange.cancel(true);
            }
        }
    }

    private HttpRequest request(Timer timer, Instant startedAt, int attempt) {
        byte[] body = json.writeValueAsBytes(new Payload(timer.id().toString(), timer.fireAt(), startedAt, attempt));
        return HttpRequest.newBuilder(timer.url())
                .timeout(responseTimeout)
                .header("content-type", "application/json")
                .header("user-agent", "Timers")
                .header("webhook-id", timer.id().toString())
                .header("webhook-timestamp", Long.toString(startedAt.getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private Retry retry(Instant startedAt, String reason) {
        return new Retry(attempt(startedAt, null, reason), reason, Optional.empty());
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
