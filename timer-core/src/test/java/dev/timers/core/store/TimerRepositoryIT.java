package dev.timers.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.TestTimers;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.RetryRule;
import dev.timers.core.timer.RetrySchedule;
import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerOptions;
import dev.timers.core.timer.TimerStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The repository against dynalite: each conditional write wins once. */
class TimerRepositoryIT {

    /** When the writes that end timers are made, by the repository's clock. */
    private static final Instant ENDED_AT = Instant.parse("2026-01-01T09:00:07Z");

    private static final Duration RETENTION = Duration.ofDays(7);

    private static TestInfrastructure infrastructure;
    private static TimerRepository repository;

    private final Instant now = Instant.parse("2026-01-01T09:00:00Z");

    @BeforeAll
    static void createTable() {
        infrastructure = TestInfrastructure.isolated();
        repository = new TimerRepository(
                infrastructure.dynamo(), infrastructure.table(), Clock.fixed(ENDED_AT, ZoneOffset.UTC), RETENTION);
    }

    @AfterAll
    static void dropTable() {
        infrastructure.close();
    }

    @Test
    void readsBackWhatItCreated() {
        Timer timer = TestTimers.dueIn(Duration.ofSeconds(5), now);

        repository.create(timer, false);

        assertThat(repository.find(timer.id())).contains(timer);
    }

    @Test
    void readsBackTheTargetRequestAndTheClientsOptionsExactly() {
        Instant now = Instant.now();
        for (RetryRule retry : List.of(
                RetryRule.CONSUMER_DEFAULT,
                new RetryRule.MaxAttempts(3),
                new RetryRule.Own(new RetrySchedule(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1)))))) {
            Timer timer = Timer.schedule(
                    UUID.randomUUID(),
                    URI.create("https://example.com/hook?a=1"),
                    new TargetRequest(
                            "PUT", Map.of("X-Trace", "abc", "Authorization", "Bearer t"), "a=1&b=\u00e9", "text/plain"),
                    new TimerOptions(Map.of("order", "42", "team", "billing"), retry, Duration.ofMinutes(10)),
                    now.plusSeconds(60),
                    now,
                    "team-r");
            repository.create(timer, false);

            assertThat(repository.find(timer.id())).contains(timer);
        }
    }

    @Test
    void keepsTheOwnerThroughEveryStateChange() {
        Timer timer = Timer.schedule(URI.create("http://127.0.0.1:9/hook"), now.plusSeconds(5), now, "team-a");
        repository.create(timer, false);

        var claimed = repository.claim(timer.id(), timer.fireAt(), "consumer-1", timer.fireAt(), now.plusSeconds(60));

        assertThat(repository.find(timer.id()).orElseThrow().owner()).isEqualTo("team-a");
        assertThat(claimed.orElseThrow().owner()).isEqualTo("team-a");
    }

    @Test
    void readsAnItemWrittenBeforeTimersHadOwnersAsTheAnonymousOwner() {
        Timer timer = TestTimers.dueIn(Duration.ofSeconds(5), now);
        var item = new HashMap<>(TimerItems.toItem(timer));
        item.remove(TimerTable.OWNED_BY);
        infrastructure.dynamo().putItem(b -> b.tableName(infrastructure.table()).item(item));

        assertThat(repository.find(timer.id()).orElseThrow().owner()).isEqualTo(Timer.ANONYMOUS_OWNER);
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(repository.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void neverOverwritesAnExistingTimerAndTakesARepeatedCreateAsDone() {
        Timer timer = TestTimers.dueIn(Duration.ofSeconds(5), now);
        repository.create(timer, false);
        repository.claim(timer.id(), timer.fireAt(), "a", timer.fireAt(), now.plusSeconds(60));

        repository.create(timer, false);

        assertThat(repository.find(timer.id()).orElseThrow().status()).isEqualTo(TimerStatus.FIRING);
    }

    @Test
    void theFirstClaimWinsAndTheSecondLoses() {
        Timer timer = created();

        var first = repository.claim(timer.id(), timer.fireAt(), "a", timer.fireAt(), now.plusSeconds(60));
        var second = repository.claim(timer.id(), timer.fireAt(), "b", timer.fireAt(), now.plusSeconds(60));

        assertThat(first).hasValueSatisfying(claimed -> {
            assertThat(claimed.status()).isEqualTo(TimerStatus.FIRING);
            assertThat(claimed.leaseUntil()).isEqualTo(now.plusSeconds(60));
            assertThat(claimed.version()).isEqualTo(timer.version() + 1);
        });
        assertThat(second).isEmpty();
    }

    @Test
    void aClaimForAnotherFireTimeLoses() {
        Timer timer = created();

        assertThat(repository.claim(
                        timer.id(), timer.fireAt().plusMillis(1), "a", now.plusSeconds(10), now.plusSeconds(60)))
                .isEmpty();
        assertThat(repository.find(timer.id()).orElseThrow().status()).isEqualTo(TimerStatus.SCHEDULED);
    }

    @Test
    void aClaimBeforeTheFireTimeLoses() {
        Timer timer = created();

        var early =
                repository.claim(timer.id(), timer.fireAt(), "a", timer.fireAt().minusMillis(1), now.plusSeconds(60));

        assertThat(early).isEmpty();
    }

    @Test
    void aClaimOfAnUnknownTimerLoses() {
        assertThat(repository.claim(UUID.randomUUID(), now, "a", now, now.plusSeconds(60)))
                .isEmpty();
    }

    @Test
    void anExpiredLeaseCanBeClaimedAgain() {
        Timer timer = created();
        repository.claim(timer.id(), timer.fireAt(), "a", timer.fireAt(), now.plusSeconds(60));

        var beforeExpiry = repository.claim(timer.id(), timer.fireAt(), "b", now.plusSeconds(59), now.plusSeconds(120));
        var afterExpiry = repository.claim(timer.id(), timer.fireAt(), "b", now.plusSeconds(61), now.plusSeconds(120));

        assertThat(beforeExpiry).isEmpty();
        assertThat(afterExpiry).isPresent();
    }

    @Test
    void deliveryIsRecordedOnceAndEndsTheClaim() {
        Timer claimed = claimed(created());

        var delivered = repository.markDelivered(claimed, TestTimers.attempt(now.plusSeconds(1), 200));
        var again = repository.markDelivered(claimed, TestTimers.attempt(now.plusSeconds(2), 200));

        assertThat(delivered).hasValueSatisfying(t -> {
            assertThat(t.status()).isEqualTo(TimerStatus.DELIVERED);
            assertThat(t.deliveredAt()).isEqualTo(now.plusSeconds(1));
            assertThat(t.leaseUntil()).isNull();
            assertThat(t.attempts()).extracting(Attempt::statusCode).containsExactly(200);
            assertThat(t.lateness()).contains(Duration.ofSeconds(1).minus(Duration.ofSeconds(5)));
        });
        assertThat(again).isEmpty();
        assertThat(repository.claim(claimed.id(), claimed.fireAt(), "b", now.plusSeconds(999), now))
                .isEmpty();
    }

    @Test
    void aFailureIsRecordedWithItsReason() {
        Timer claimed = claimed(created());

        var failed = repository.markFailed(claimed, TestTimers.attempt(now, 404), "HTTP 404");

        assertThat(failed).hasValueSatisfying(t -> {
            assertThat(t.status()).isEqualTo(TimerStatus.FAILED);
            assertThat(t.lastError()).isEqualTo("HTTP 404");
        });
    }

    @Test
    void aRetryPutsTheTimerBackWithItsNextFireTimeAndKeepsEveryAttempt() {
        Timer claimed = claimed(created());
        Instant next = claimed.fireAt().plusSeconds(2);

        var rescheduled =
                repository.reschedule(claimed, TestTimers.attempt(claimed.fireAt(), 500), "HTTP 500", next, true);
        var reclaimed = repository
                .claim(claimed.id(), next, "b", next, next.plusSeconds(60))
                .orElseThrow();
        var delivered = repository.markDelivered(reclaimed, TestTimers.attempt(next, 200));

        assertThat(rescheduled).hasValueSatisfying(t -> {
            assertThat(t.status()).isEqualTo(TimerStatus.SCHEDULED);
            assertThat(t.fireAt()).isEqualTo(next);
            assertThat(t.lastError()).isEqualTo("HTTP 500");
        });
        assertThat(delivered.orElseThrow().attempts())
                .extracting(Attempt::statusCode)
                .containsExactly(500, 200);
    }

    @Test
    void anOutcomeFromAClaimThatWasTakenOverIsRefused() {
        Timer first = claimed(created());
        Timer second = repository
                .claim(first.id(), first.fireAt(), "b", now.plusSeconds(61), now.plusSeconds(120))
                .orElseThrow();

        assertThat(repository.markDelivered(first, TestTimers.attempt(now, 200)))
                .isEmpty();
        assertThat(repository.markDelivered(second, TestTimers.attempt(now, 200)))
                .isPresent();
    }

    @Test
    void cancelWinsOnlyAgainstAScheduledTimer() {
        Timer scheduled = created();
        Timer firing = claimed(created());

        assertThat(repository.cancel(scheduled.id()))
                .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TimerStatus.CANCELLED));
        assertThat(repository.cancel(scheduled.id())).isEmpty();
        assertThat(repository.cancel(firing.id())).isEmpty();
        assertThat(repository.claim(scheduled.id(), scheduled.fireAt(), "a", scheduled.fireAt(), now.plusSeconds(60)))
                .isEmpty();
    }

    @Test
    void aPendingTimerIsInThePendingIndexUntilTheWriteThatMakesItFinal() {
        Timer delivered = claimed(created());
        Timer failed = claimed(created());
        Timer cancelled = created();
        assertThat(pendingOwner(cancelled)).isEqualTo(cancelled.owner());
        assertThat(pendingOwner(delivered)).isEqualTo(delivered.owner());

        repository.markDelivered(delivered, TestTimers.attempt(now, 200)).orElseThrow();
        repository.markFailed(failed, TestTimers.attempt(now, 404), "HTTP 404").orElseThrow();
        repository.cancel(cancelled.id()).orElseThrow();

        assertThat(pendingOwner(delivered)).isNull();
        assertThat(pendingOwner(failed)).isNull();
        assertThat(pendingOwner(cancelled)).isNull();
    }

    @Test
    void aRetryAndAReleaseKeepTheTimerInThePendingIndex() {
        Timer timer = Timer.schedule(URI.create("http://127.0.0.1:9/hook"), now.plusSeconds(5), now, "team-p");
        repository.create(timer, false);
        Timer claimed = claimed(timer);
        Instant next = claimed.fireAt().plusSeconds(2);

        repository
                .reschedule(claimed, TestTimers.attempt(claimed.fireAt(), 500), "HTTP 500", next, false)
                .orElseThrow();
        assertThat(pendingOwner(timer)).isEqualTo("team-p");
        Timer reclaimed = repository
                .claim(timer.id(), next, "b", next, next.plusSeconds(60))
                .orElseThrow();
        assertThat(pendingOwner(timer)).isEqualTo("team-p");
        repository.release(reclaimed).orElseThrow();
        assertThat(pendingOwner(timer)).isEqualTo("team-p");

        var pending = new PendingTimers(infrastructure.dynamo(), infrastructure.table());
        assertThat(pending.countUpTo("team-p", 10)).isEqualTo(1);
    }

    @Test
    void countsAnOwnersPendingTimersOnlyAndStopsAtTheLimit() {
        var pending = new PendingTimers(infrastructure.dynamo(), infrastructure.table());
        String owner = "team-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            repository.create(
                    Timer.schedule(URI.create("http://127.0.0.1:9/hook"), now.plusSeconds(5), now, owner), false);
        }
        Timer cancelled = Timer.schedule(URI.create("http://127.0.0.1:9/hook"), now.plusSeconds(5), now, owner);
        repository.create(cancelled, false);
        repository.cancel(cancelled.id()).orElseThrow();

        assertThat(pending.countUpTo(owner, 100)).isEqualTo(5);
        assertThat(pending.countUpTo(owner, 3)).isEqualTo(3);
        assertThat(pending.countUpTo("nobody-" + UUID.randomUUID(), 100)).isZero();
    }

    @Test
    void eachWriteThatEndsATimerSetsItsExpiryToTheEndOfItsRetentionAndKeepsItReadable() {
        long endOfRetention = ENDED_AT.plus(RETENTION).getEpochSecond();
        Timer delivered = repository
                .markDelivered(claimed(created()), TestTimers.attempt(now, 200))
                .orElseThrow();
        Timer failed = repository
                .markFailed(claimed(created()), TestTimers.attempt(now, 404), "HTTP 404")
                .orElseThrow();
        Timer skipped = repository.markSkipped(claimed(created()), "too late").orElseThrow();
        Timer cancelled = repository.cancel(created().id()).orElseThrow();

        for (Timer ended : List.of(delivered, failed, skipped, cancelled)) {
            assertThat(expiresAt(ended))
                    .as("expiresAt of a %s timer", ended.status())
                    .isEqualTo(endOfRetention);
            assertThat(repository.find(ended.id())).contains(ended);
        }
    }

    @Test
    void aReplayRemovesTheExpiry() {
        Timer failed = repository
                .markFailed(claimed(created()), TestTimers.attempt(now, 404), "HTTP 404")
                .orElseThrow();
        Timer skipped = repository.markSkipped(claimed(created()), "too late").orElseThrow();

        for (Timer ended : List.of(failed, skipped)) {
            repository.replay(ended, now.plusSeconds(60), false).orElseThrow();

            assertThat(expiresAt(ended))
                    .as("expiresAt of a replayed %s timer", ended.status())
                    .isNull();
        }
    }

    @Test
    void noWriteOfAPendingTimerSetsAnExpiry() {
        Timer timer = created();
        assertThat(expiresAt(timer)).isNull();
        Timer claimed = claimed(timer);
        assertThat(expiresAt(timer)).isNull();
        Instant next = claimed.fireAt().plusSeconds(2);
        repository
                .reschedule(claimed, TestTimers.attempt(claimed.fireAt(), 500), "HTTP 500", next, true)
                .orElseThrow();
        assertThat(expiresAt(timer)).isNull();
        repository.changeFireTime(timer.id(), next.plusSeconds(1), false).orElseThrow();
        assertThat(expiresAt(timer)).isNull();
        var dueTimers = new DueTimers(infrastructure.dynamo(), infrastructure.table());
        assertThat(dueTimers.markEnqueued(timer.id(), next.plusSeconds(1))).isTrue();
        Timer rescued = dueTimers
                .markRescued(repository.find(timer.id()).orElseThrow(), next.plusSeconds(30), next)
                .orElseThrow();
        assertThat(expiresAt(timer)).isNull();
        Timer reclaimed = repository
                .claim(timer.id(), rescued.fireAt(), "b", rescued.fireAt(), now.plusSeconds(60))
                .orElseThrow();
        repository.release(reclaimed).orElseThrow();
        assertThat(expiresAt(timer)).isNull();
    }

    private Long expiresAt(Timer timer) {
        var value = item(timer).get(TimerTable.EXPIRES_AT);
        return value == null ? null : Long.valueOf(value.n());
    }

    private String pendingOwner(Timer timer) {
        var value = item(timer).get(TimerTable.PENDING_OWNER);
        return value == null ? null : value.s();
    }

    private Map<String, AttributeValue> item(Timer timer) {
        var item = infrastructure
                .dynamo()
                .getItem(b -> b.tableName(infrastructure.table())
                        .key(TimerItems.key(timer.id()))
                        .consistentRead(true))
                .item();
        assertThat(item).as("item of %s", timer.id()).isNotEmpty();
        return item;
    }

    private Timer created() {
        Timer timer = TestTimers.dueIn(Duration.ofSeconds(5), now);
        repository.create(timer, false);
        return timer;
    }

    private Timer claimed(Timer timer) {
        return repository
                .claim(timer.id(), timer.fireAt(), "a", timer.fireAt(), now.plusSeconds(60))
                .orElseThrow();
    }
}
