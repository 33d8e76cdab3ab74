package dev.timers.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.RetryRule;
import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerOptions;
import dev.timers.core.timer.TimerStatus;
import dev.timers.core.timer.TimerSummary;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The owner index on dynalite: a list reads summaries only, and their attempt counts follow the timer's calls. */
class OwnerTimersIT {

    private static final Instant NOW = Instant.parse("2026-01-01T09:00:00Z");

    private static TestInfrastructure infrastructure;
    private static TimerRepository repository;
    private static OwnerTimers owners;

    @BeforeAll
    static void createTable() {
        infrastructure = TestInfrastructure.isolated();
        repository = new TimerRepository(
                infrastructure.dynamo(), infrastructure.table(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7));
        owners = new OwnerTimers(infrastructure.dynamo(), infrastructure.table());
    }

    @AfterAll
    static void dropTable() {
        infrastructure.close();
    }

    @Test
    void aPageHoldsSummariesWithoutBodiesOrHeaders() {
        String owner = "list-" + UUID.randomUUID();
        Timer timer = Timer.schedule(
                UUID.randomUUID(),
                URI.create("https://example.com/hook?token=t"),
                new TargetRequest("PUT", Map.of("X-Big", "h".repeat(2000)), "b".repeat(60_000), "text/plain"),
                new TimerOptions(Map.of("order", "42"), RetryRule.CONSUMER_DEFAULT, null),
                NOW.plusSeconds(60),
                NOW,
                owner);
        repository.create(timer, false);

        TimerPage page = owners.page(owner, Optional.empty(), 10, Optional.empty(), 10);

        assertThat(page.timers())
                .containsExactly(new TimerSummary(
                        timer.id(),
                        TimerStatus.SCHEDULED,
                        timer.fireAt(),
                        timer.url(),
                        "PUT",
                        Map.of("order", "42"),
                        NOW,
                        null,
                        null,
                        0));
    }

    @Test
    void theIndexHoldsNoBodyOrHeaders() {
        String owner = "index-" + UUID.randomUUID();
        Timer timer = Timer.schedule(
                UUID.randomUUID(),
                URI.create("https://example.com/hook"),
                new TargetRequest("POST", Map.of("X-Big", "h"), "body", "text/plain"),
                TimerOptions.DEFAULT,
                NOW.plusSeconds(60),
                NOW,
                owner);
        repository.create(timer, false);

        // A query of the index itself, with no projection of its own: what the index stores for every write.
        var items = infrastructure
                .dynamo()
                .query(b -> b.tableName(infrastructure.table())
                        .indexName(TimerTable.OWNER_INDEX)
                        .keyConditionExpression("ownedBy = :owner")
                        .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner))))
                .items();

        assertThat(items).hasSize(1);
        assertThat(items.getFirst())
                .containsKeys(TimerTable.URL, TimerTable.METHOD, TimerTable.ATTEMPT_COUNT)
                .doesNotContainKeys(TimerTable.BODY, TimerTable.HEADERS, TimerTable.ATTEMPTS);
    }

    @Test
    void theAttemptCountFollowsEveryCall() {
        String owner = "count-" + UUID.randomUUID();
        Timer timer = Timer.schedule(URI.create("http://127.0.0.1:9/hook"), NOW, NOW.minusSeconds(1), owner);
        repository.create(timer, false);

        Timer claimed = repository
                .claim(timer.id(), timer.fireAt(), "c", NOW, NOW.plusSeconds(60))
                .orElseThrow();
        Timer rescheduled = repository
                .reschedule(claimed, new Attempt(NOW, 500, null, Duration.ofMillis(5)), "HTTP 500", NOW, true)
                .orElseThrow();
        Timer again = repository
                .claim(rescheduled.id(), NOW, "c", NOW, NOW.plusSeconds(60))
                .orElseThrow();
        repository.markDelivered(again, new Attempt(NOW, 200, null, Duration.ofMillis(5)));

        TimerSummary summary = owners.page(owner, Optional.empty(), 10, Optional.empty(), 10)
                .timers()
                .getFirst();
        assertThat(summary.status()).isEqualTo(TimerStatus.DELIVERED);
        assertThat(summary.attemptCount()).isEqualTo(2);
        assertThat(summary.deliveredAt()).isEqualTo(NOW);
    }

    @Test
    void aTimerWrittenBeforeTheCountWasKeptHasNoCount() {
        String owner = "old-" + UUID.randomUUID();
        Timer timer = Timer.schedule(URI.create("http://127.0.0.1:9/hook"), NOW.plusSeconds(5), NOW, owner);
        var item = new HashMap<>(TimerItems.toItem(timer));
        item.remove(TimerTable.ATTEMPT_COUNT);
        infrastructure.dynamo().putItem(b -> b.tableName(infrastructure.table()).item(item));

        TimerSummary summary = owners.page(owner, Optional.empty(), 10, Optional.empty(), 10)
                .timers()
                .getFirst();
        assertThat(summary.attemptCount()).isNull();
    }
}
