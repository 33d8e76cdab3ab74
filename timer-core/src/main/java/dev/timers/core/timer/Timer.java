package dev.timers.core.timer;

import dev.timers.core.LogFormat;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One timer as the store knows it.
 *
 * @param id random, unguessable identifier; also the webhook's idempotency key
 * @param status where the timer is in its life
 * @param fireAt when the target is due to be called
 * @param url the target, an absolute http(s) URL
 * @param request what the target is sent beside the URL: method, headers, body
 * @param options the client's other choices: metadata, retries, what to do when overdue
 * @param createdAt when the client created it
 * @param owner who created it (the owner of the API key it was created with); only its owner can see or
 *     change it
 * @param version incremented by every write, so a writer can tell it still holds what it read
 * @param leaseUntil while FIRING: until when the claiming consumer owns it
 * @param deliveredAt when the call that succeeded started
 * @param lastError why the last call failed (or why the timer was skipped), if it did
 * @param attempts every call made so far, oldest first
 * @param rescues how often the rescuer had to wake this timer because its message was missing or its
 *     consumer died
 * @param replayedAfter how many attempts had been made when the timer was last replayed (0 if never): the
 *     retry schedule starts again from there
 */
public record Timer(
        UUID id,
        TimerStatus status,
        Instant fireAt,
        URI url,
        TargetRequest request,
        TimerOptions options,
        Instant createdAt,
        String owner,
        long version,
        Instant leaseUntil,
        Instant deliveredAt,
        String lastError,
        List<Attempt> attempts,
        int rescues,
        int replayedAfter) {

    public Timer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fireAt, "fireAt");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(owner, "owner");
        request = request == null ? TargetRequest.DEFAULT : request;
        options = options == null ? TimerOptions.DEFAULT : options;
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /**
     * The owner of timers created without authentication, and of timers stored before timers had owners.
     */
    public static final String ANONYMOUS_OWNER = "anonymous";

    /** A new timer of the anonymous owner with the default request and options, not yet written anywhere. */
    public static Timer schedule(URI url, Instant fireAt, Instant now) {
        return schedule(url, fireAt, now, ANONYMOUS_OWNER);
    }

    /** A new timer of {@code owner} with the default request and options, not yet written anywhere. */
    public static Timer schedule(URI url, Instant fireAt, Instant now, String owner) {
        return schedule(UUID.randomUUID(), url, TargetRequest.DEFAULT, TimerOptions.DEFAULT, fireAt, now, owner);
    }

    /**
     * A new timer, not yet written anywhere. Its times are kept to the millisecond, as the store keeps them, so
     * that what a client is told at creation is what it reads back later.
     */
    public static Timer schedule(
            UUID id, URI url, TargetRequest request, TimerOptions options, Instant fireAt, Instant now, String owner) {
        return new Timer(
                id,
                TimerStatus.SCHEDULED,
                fireAt.truncatedTo(ChronoUnit.MILLIS),
                url,
                request,
                options,
                now.truncatedTo(ChronoUnit.MILLIS),
                owner,
                1,
                null,
                null,
                null,
                List.of(),
                0,
                0);
    }

    /** Whether {@code caller} owns this timer. */
    public boolean isOwnedBy(String caller) {
        return owner.equals(caller);
    }

    /** Calls made since the timer was created or last replayed: what its retry schedule counts. */
    public int attemptsThisRound() {
        return attempts.size() - replayedAfter;
    }

    /** Time until the fire time, never negative. */
    public Duration timeLeft(Instant now) {
        Duration left = Duration.between(now, fireAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** How long after its fire time the successful call started; empty until delivered. */
    public Optional<Duration> lateness() {
        return Optional.ofNullable(deliveredAt).map(delivered -> Duration.between(fireAt, delivered));
    }

    /**
     * What a log or an assertion message may show: the URL without its query (see {@link LogFormat#url}), the
     * request without header values or body, and no metadata.
     */
    @Override
    public String toString() {
        return "Timer[id=" + id + ", status=" + status + ", fireAt=" + fireAt + ", url=" + LogFormat.url(url)
                + ", request=" + request + ", owner=" + owner + ", version=" + version + ", attempts="
                + attempts.size() + "]";
    }
}
