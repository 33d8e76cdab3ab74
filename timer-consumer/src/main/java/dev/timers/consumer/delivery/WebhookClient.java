package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.consumer.delivery.DeliveryResult.Delivered;
import dev.timers.consumer.delivery.DeliveryResult.Failed;
import dev.timers.consumer.delivery.DeliveryResult.Retry;
import dev.timers.core.targets.TargetCheck;
import dev.timers.core.targets.TargetGuard;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a timer's target: one POST with a JSON body and the Standard Webhooks headers. {@code webhook-id} is
 * the timer's id, the same on every attempt, so the receiver can drop a repeat; {@code webhook-timestamp} is
 * when this attempt started; {@code webhook-signature}, when secrets are configured, signs both with the exact
 * body bytes sent. Redirects are never followed: a 3xx is a failure.
 *
 * <p>The target guard judges every call: the URL's form before it starts, and every address its host resolves
 * to when a connection is opened (the client connects to no other). A refused call is a failed attempt with
 * the reason, not retried: the answer would not change.
 *
 * <p>The client is asynchronous: a call waiting on its target holds a connection, not a thread. The caller
 * (a virtual thread) parks until the response head arrives or the deadline passes.
 */
@Component
class WebhookClient implements DisposableBean {

    private static final Duration BODY_GRACE = Duration.ofSeconds(1);

    private final CloseableHttpAsyncClient http;
    private final TargetGuard guard;
    private final Duration responseTimeout;
    private final long maxResponseBody;
    private final WebhookSigner signer;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Set<CompletableFuture<ResponseHead>> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean cuttingShort;

    WebhookClient(ConsumerProperties properties, TargetGuard guard, WebhookSigner signer, Clock clock) {
        this.guard = guard;
        this.http = TargetHttpClient.build(properties, new GuardedDnsResolver(guard));
        this.http.start();
        this.responseTimeout = properties.responseTimeout();
        this.maxResponseBody = properties.delivery().maxResponseBody().toBytes();
        this.signer = signer;
        this.clock = clock;
    }

    /** The JSON body the target receives. */
    record Payload(String id, Instant fireAt, Instant firedAt, int attempt) {}

    /**
     * Makes one call and classifies its answer.
     *
     * @throws CallCutShort when this consumer is shutting down and cut the call short
     */
    DeliveryResult call(Timer timer, int attempt) throws CallCutShort {
        if (cuttingShort) {
            throw new CallCutShort();
        }
        Instant startedAt = clock.instant();
        if (guard.checkUrl(timer.url()) instanceof TargetCheck.Refused refused) {
            return refused(startedAt, refused);
        }
        var head = new CompletableFuture<ResponseHead>();
        waiting.add(head);
        try {
            return exchange(timer, attempt, startedAt, head);
        } finally {
            waiting.remove(head);
        }
    }

    /**
     * Ends every call still waiting for its answer, and refuses new ones: on shutdown, once the grace for calls
     * in flight is over. Only the waits end; what the callers then write to the store is not disturbed.
     */
    void cutShortAll() {
        cuttingShort = true;
        waiting.forEach(head -> head.cancel(false));
    }

    private DeliveryResult exchange(Timer timer, int attempt, Instant startedAt, CompletableFuture<ResponseHead> head)
            throws CallCutShort {
        Future<ResponseHead> exchange;
        try {
            exchange = http.execute(
                    SimpleRequestProducer.create(request(timer, startedAt, attempt)),
                    new ResponseHead.Consumer(head, maxResponseBody),
                    new Completion(head));
        } catch (IllegalArgumentException e) {
            // A URL the HTTP client refuses outright (the API checks URLs, but rules can change): no retry helps.
            String reason = "request refused by the HTTP client: " + e.getMessage();
            return new Failed(attempt(startedAt, null, reason), reason);
        } catch (RuntimeException e) {
            // Our side could not send it (the client is closing, say): a later try may well succeed.
            return retry(startedAt, "not sent: " + e);
        }
        try {
            // One deadline for the whole exchange: the head must come within it, and whatever is left of the
            // body is read only until then, so a trickling target cannot keep a connection past the lease.
            ResponseHead response = head.get(responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            closeAtDeadline(exchange, startedAt);
            return classify(response, startedAt);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return retry(startedAt, "timed out after " + responseTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            exchange.cancel(true);
            Optional<TargetCheck.Refused> refusal = refusal(e.getCause());
            if (refusal.isPresent()) {
                return refused(startedAt, refusal.get());
            }
            return retry(startedAt, describe(e.getCause()));
        } catch (CancellationException | InterruptedException e) {
            // Only this consumer's shutdown cancels a wait or interrupts its thread.
            exchange.cancel(true);
            throw new CallCutShort();
        }
    }

    private void closeAtDeadline(Future<ResponseHead> exchange, Instant startedAt) {
        if (exchange.isDone()) {
            return;
        }
        // A body that fits the limit arrives with the head or just after; a slower one is not waited for long,
        // so that a trickling target cannot hold connections out of the pool.
        Duration left = responseTimeout.minus(Duration.between(startedAt, clock.instant()));
        if (left.compareTo(BODY_GRACE) > 0) {
            left = BODY_GRACE;
        }
        CompletableFuture.runAsync(
                () -> exchange.cancel(true),
                CompletableFuture.delayedExecutor(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS));
    }

    private Failed refused(Instant startedAt, TargetCheck.Refused refusal) {
        String reason = "not called: the target is refused (" + refusal.rule().id() + "): " + refusal.reason();
        return new Failed(attempt(startedAt, null, reason), reason);
    }

    private static Optional<TargetCheck.Refused> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GuardedDnsResolver.TargetRefusedException refused) {
                return Optional.of(refused.refusal());
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable cause) {
        return switch (cause) {
            case SocketTimeoutException timeout -> "timed out: " + timeout.getMessage();
            case InterruptedIOException timeout -> "timed out: " + timeout.getMessage();
            case ConnectException refused -> "connection refused: " + refused.getMessage();
            default -> "connection failed: " + cause;
        };
    }

    private SimpleHttpRequest request(Timer timer, Instant startedAt, int attempt) {
        String id = timer.id().toString();
        long timestamp = startedAt.getEpochSecond();
        byte[] body = json.writeValueAsBytes(new Payload(id, timer.fireAt(), startedAt, attempt));
        var request = SimpleRequestBuilder.post(timer.url())
                .setHeader("webhook-id", id)
                .setHeader("webhook-timestamp", Long.toString(timestamp))
                .setBody(body, ContentType.APPLICATION_JSON);
        // Signed over these very bytes and header values: the body is sent as it is, never re-encoded.
        signer.signature(id, timestamp, body)
                .ifPresent(signature -> request.setHeader(WebhookSigner.HEADER, signature));
        return request.build();
    }

    private Retry retry(Instant startedAt, String reason) {
        return new Retry(attempt(startedAt, null, reason), reason, Optional.empty());
    }

    private DeliveryResult classify(ResponseHead response, Instant startedAt) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return new Delivered(attempt(startedAt, status, null));
        }
        String reason = "HTTP " + status;
        Attempt attempt = attempt(startedAt, status, reason);
        if (status == 408 || status == 429 || status >= 500) {
            return new Retry(attempt, reason, RetryAfter.parse(response.retryAfter(), startedAt));
        }
        return new Failed(attempt, status >= 300 && status < 400 ? reason + " (redirects are not followed)" : reason);
    }

    private Attempt attempt(Instant startedAt, Integer status, String error) {
        return new Attempt(startedAt, status, error, Duration.between(startedAt, clock.instant()));
    }

    @Override
    public void destroy() {
        http.close(CloseMode.IMMEDIATE);
    }

    /** Reports a failure before the head arrived; after it, the outcome is already decided. */
    private record Completion(CompletableFuture<ResponseHead> head) implements FutureCallback<ResponseHead> {

        @Override
        public void completed(ResponseHead result) {
            head.complete(result);
        }

        @Override
        public void failed(Exception cause) {
            head.completeExceptionally(cause);
        }

        @Override
        public void cancelled() {
            head.cancel(false);
        }
    }
}
