package dev.timers.consumer.delivery;

import dev.timers.consumer.delivery.DeliveryResult.Delivered;
import dev.timers.consumer.delivery.DeliveryResult.Failed;
import dev.timers.consumer.delivery.DeliveryResult.Retry;
import dev.timers.core.targets.TargetCheck;
import dev.timers.core.timer.Attempt;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one call came to, with its attempt (started at {@code startedAt}, lasting until now by {@code clock}):
 * the status line decides an answer; a timeout or a connection error is worth another try; a target the guard
 * refuses is not, since the answer would not change.
 */
record DeliveryResults(Instant startedAt, Clock clock) {

    /** 2xx delivers; 408, 429 and 5xx are retried; a 3xx (never followed) and the other 4xx fail for good. */
    DeliveryResult answered(ResponseHead response) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return new Delivered(attempt(status, null));
        }
        String reason = "HTTP " + status;
        Attempt attempt = attempt(status, reason);
        if (status == 408 || status == 429 || status >= 500) {
            return new Retry(attempt, reason, RetryAfter.parse(response.retryAfter(), startedAt));
        }
        return new Failed(attempt, status >= 300 && status < 400 ? reason + " (redirects are not followed)" : reason);
    }

    /** The call failed before an answer came: refused by the guard when it resolved the host, or the network. */
    DeliveryResult failed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GuardedDnsResolver.TargetRefusedException refused) {
                return refused(refused.refusal());
            }
        }
        return retry(describe(failure));
    }

    Failed refused(TargetCheck.Refused refusal) {
        String reason = "not called: the target is refused (" + refusal.rule().id() + "): " + refusal.reason();
        return new Failed(attempt(null, reason), reason);
    }

    /** A request the HTTP client refuses outright (the API checks URLs, but rules can change): no retry helps. */
    Failed refusedByClient(IllegalArgumentException refusal) {
        String reason = "request refused by the HTTP client: " + refusal.getMessage();
        return new Failed(attempt(null, reason), reason);
    }

    Retry retry(String reason) {
        return new Retry(attempt(null, reason), reason, Optional.empty());
    }

    private static String describe(Throwable cause) {
        return switch (cause) {
            case SocketTimeoutException timeout -> "timed out: " + timeout.getMessage();
            case InterruptedIOException timeout -> "timed out: " + timeout.getMessage();
            case ConnectException refused -> "connection refused: " + refused.getMessage();
            default -> "connection failed: " + cause;
        };
    }

    private Attempt attempt(Integer status, String error) {
        return new Attempt(startedAt, status, error, Duration.between(startedAt, clock.instant()));
    }
}
