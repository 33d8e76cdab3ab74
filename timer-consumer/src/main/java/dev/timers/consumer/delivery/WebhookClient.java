package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import dev.timers.core.targets.TargetCheck;
import dev.timers.core.targets.TargetGuard;
import dev.timers.core.timer.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.io.CloseMode;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Calls a timer's target with the request {@link WebhookRequests} builds: the timer's method, headers and body,
 * and the Standard Webhooks headers. {@code webhook-id} is the timer's id, the same on every attempt, so the
 * receiver can drop a repeat; {@code webhook-timestamp} is when this attempt started; {@code webhook-signature},
 * when secrets are configured, signs both with the exact body bytes sent. Redirects are never followed: a 3xx
 * is a failure.
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
    private final WebhookRequests requests;
    private final Clock clock;
    private final Set<CompletableFuture<ResponseHead>> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean cuttingShort;

    WebhookClient(ConsumerProperties properties, TargetGuard guard, WebhookRequests requests, Clock clock) {
        this.guard = guard;
        this.http = TargetHttpClient.build(properties, new GuardedDnsResolver(guard));
        this.http.start();
        this.responseTimeout = properties.responseTimeout();
        this.maxResponseBody = properties.delivery().maxResponseBody().toBytes();
        this.requests = requests;
        this.clock = clock;
    }

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
        var results = new DeliveryResults(startedAt, clock);
        if (guard.checkUrl(timer.url()) instanceof TargetCheck.Refused refused) {
            return results.refused(refused);
        }
        var head = new CompletableFuture<ResponseHead>();
        waiting.add(head);
        try {
            return exchange(timer, attempt, results, head);
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

    private DeliveryResult exchange(
            Timer timer, int attempt, DeliveryResults results, CompletableFuture<ResponseHead> head)
            throws CallCutShort {
        Future<ResponseHead> exchange;
        try {
            exchange = http.execute(
                    SimpleRequestProducer.create(requests.build(timer, results.startedAt(), attempt)),
                    new ResponseHead.Consumer(head, maxResponseBody),
                    new ResponseHead.Completion(head));
        } catch (SigningUnavailableException e) {
            // Never sent unsigned or signed with the wrong secrets: tried again once they can be read.
            return results.retry("not sent: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return results.refusedByClient(e);
        } catch (RuntimeException e) {
            // Our side could not send it (the client is closing, say): a later try may well succeed.
            return results.retry("not sent: " + e);
        }
        try {
            // One deadline for the whole exchange: the head must come within it, and whatever is left of the
            // body is read only until then, so a trickling target cannot keep a connection past the lease.
            ResponseHead response = head.get(responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            closeAtDeadline(exchange, results.startedAt());
            return results.answered(response);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return results.retry("timed out after " + responseTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            exchange.cancel(true);
            return results.failed(e.getCause());
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

    @Override
    public void destroy() {
        http.close(CloseMode.IMMEDIATE);
    }
}
