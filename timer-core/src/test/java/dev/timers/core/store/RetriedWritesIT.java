package dev.timers.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.timers.core.testing.AnswerDroppingProxy;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.TestTimers;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Conditional writes whose first attempt landed but whose answer was lost, so the SDK tried again and the retry
 * failed the condition the first attempt had changed. A real proxy between the SDK and dynalite loses the answer;
 * the writer must still see its write as won, and a writer that truly lost must still see it lost.
 */
class RetriedWritesIT {

    private static final Duration RETENTION = Duration.ofDays(30);

    private static TestInfrastructure infrastructure;
    private static AnswerDroppingProxy proxy;
    private static DynamoDbClient throughProxy;
    /** Writes whose answers the proxy may lose. */
    private static TimerRepository repository;

    private static DueTimers dueTimers;
    /** Another writer, straight to the store. */
    private static TimerRepository other;

    private final Instant now = Instant.parse("2026-01-01T09:00:00Z");

    @BeforeAll
    static void start() {
        infrastructure = TestInfrastructure.isolated();
        proxy = new AnswerDroppingProxy(TestInfrastructure.dynamoEndpoint());
        throughProxy = DynamoDbClient.builder()
                .endpointOverride(proxy.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        repository = new TimerRepository(throughProxy, infrastructure.table(), Clock.systemUTC(), RETENTION);
        dueTimers = new DueTimers(throughProxy, infrastructure.table());
        other = new TimerRepository(infrastructure.dynamo(), infrastructure.table(), Clock.systemUTC(), RETENTION);
    }

    @AfterAll
    static void stop() {
        throughProxy.close();
        proxy.close();
        infrastructure.close();
    }

    @Test
    void aClaimWhoseAnswerWasLostIsReportedWonNotLost() {
        Timer timer = created();

        var claim = withLostAnswer(
                () -> repository.claim(timer.id(), timer.fireAt(), "a", timer.fireAt(), now.plusSeconds(60)));

        assertThat(claim).hasValueSatisfying(claimed -> {
            assertThat(claimed.status()).isEqualTo(TimerStatus.FIRING);
            assertThat(claimed.leaseUntil()).isEqualTo(now.plusSeconds(60));
            // Landed once: the retry changed nothing.
            assertThat(claimed.version()).isEqualTo(timer.version() + 1);
        });
        assertThat(other.find(timer.id())).isEqualTo(claim);
    }

    @Test
    void aClaimAnotherConsumerWonIsStillReportedLostWhenItsAnswerWasLost() {
        Timer timer = created();
        other.claim(timer.id(), timer.fireAt(), "b", timer.fireAt(), now.plusSeconds(60))
                .orElseThrow();

        var claim = withLostAnswer(
                () -> repository.claim(timer.id(), timer.fireAt(), "a", timer.fireAt(), now.plusSeconds(60)));

        assertThat(claim).isEmpty();
    }

    @Test
    void aSecondClaimAfterARetriedOneIsStillReportedLost() {
        Timer timer = created();
        withLostAnswer(() -> repository.claim(timer.id(), timer.fireAt(), "a", timer.fireAt(), now.plusSeconds(60)))
                .orElseThrow();

        assertThat(other.claim(timer.id(), timer.fireAt(), "b", timer.fireAt(), now.plusSeconds(60)))
                .isEmpty();
        assertThat(repository.claim(timer.id(), timer.fireAt(), "a", timer.fireAt(), now.plusSeconds(60)))
                .isEmpty();
    }

    @Test
    void aFeedersEnqueuedMarkWhoseAnswerWasLostIsReportedWon() {
        Timer timer = created();

        assertThat(withLostAnswer(() -> dueTimers.markEnqueued(timer.id(), timer.fireAt())))
                .isTrue();
        assertThat(dueTimers.markEnqueued(timer.id(), timer.fireAt())).isFalse();
    }

    @Test
    void aRescuersMarkWhoseAnswerWasLostIsReportedWon() {
        Timer timer = created();

        var rescued = withLostAnswer(() -> dueTimers.markRescued(timer, now.plusSeconds(30), now.plusSeconds(20)));

        assertThat(rescued).hasValueSatisfying(t -> assertThat(t.rescues()).isEqualTo(1));
        assertThat(dueTimers.markRescued(timer, now.plusSeconds(31), now.plusSeconds(20)))
                .isEmpty();
    }

    @Test
    void outcomesWhoseAnswersWereLostAreReportedRecorded() {
        assertThat(withLostAnswer(() -> repository.markDelivered(claimed(), TestTimers.attempt(now, 200))))
                .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TimerStatus.DELIVERED));
        assertThat(withLostAnswer(() -> repository.markFailed(claimed(), TestTimers.attempt(now, 404), "HTTP 404")))
                .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TimerStatus.FAILED));
        assertThat(withLostAnswer(() -> repository.markSkipped(claimed(), "too late")))
                .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TimerStatus.SKIPPED));
        assertThat(withLostAnswer(() -> repository.reschedule(
                        claimed(), TestTimers.attempt(now, 500), "HTTP 500", now.plusSeconds(30), false)))
                .hasValueSatisfying(t -> assertThat(t.fireAt()).isEqualTo(now.plusSeconds(30)));
        assertThat(withLostAnswer(() -> repository.release(claimed())))
                .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TimerStatus.SCHEDULED));
    }

    @Test
    void anOutcomeOfAClaimTakenOverIsStillReportedLostWhenItsAnswerWasLost() {
        Timer first = claimed();
        other.claim(first.id(), first.fireAt(), "b", now.plusSeconds(61), now.plusSeconds(120))
                .orElseThrow();

        assertThat(withLostAnswer(() -> repository.markDelivered(first, TestTimers.attempt(now, 200))))
                .isEmpty();
    }

    /**
     * Pins what the emulator these tests run on does: DynamoDB sends the item back with a failed condition when
     * asked ({@code ALL_OLD}), dynalite takes the parameter but sends none, so the writer falls back to a read,
     * which is the path the tests above take. Should dynalite ever send it, this says the read is no longer
     * exercised here.
     */
    @Test
    void dynaliteSendsNoItemBackWithAFailedConditionSoTheWriterReadsIt() {
        Timer timer = created();

        var failure = catchThrowableOfType(
                ConditionalCheckFailedException.class,
                () -> infrastructure
                        .dynamo()
                        .updateItem(b -> b.tableName(infrastructure.table())
                                .key(TimerItems.key(timer.id()))
                                .updateExpression("SET #status = :status")
                                .conditionExpression("#status = :status")
                                .expressionAttributeNames(Map.of("#status", TimerTable.STATUS))
                                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS("NO-SUCH-STATUS")))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

        assertThat(failure.hasItem() && !failure.item().isEmpty()).isFalse();
    }

    /** Runs one write through the proxy with its first answer lost, and checks the SDK did try again. */
    private <T> T withLostAnswer(Supplier<T> write) {
        int before = proxy.dropped();
        proxy.dropNextAnswers(1);
        T result = write.get();
        assertThat(proxy.dropped()).as("answers lost").isEqualTo(before + 1);
        return result;
    }

    private Timer created() {
        Timer timer = TestTimers.dueIn(Duration.ofSeconds(5), now);
        other.create(timer, false);
        return timer;
    }

    private Timer claimed() {
        Timer timer = created();
        return other.claim(timer.id(), timer.fireAt(), "a", timer.fireAt(), now.plusSeconds(60))
                .orElseThrow();
    }
}
