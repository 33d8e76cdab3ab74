package dev.timers.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.TestTimers;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sweeps' sparse indexes against dynalite: what the feeder and the rescuer see, what a sweep costs, and the
 * marks they race for.
 */
class DueTimersIT {

    private static TestInfrastructure infrastructure;
    private static TimerRepository repository;
    private static DueTimers dueTimers;

    /** Far in the past, so this class's timers are apart from anything else in the table. */
    private final Instant now =
            Instant.parse("2001-01-01T00:00:00Z").plusSeconds(new java.util.Random().nextInt(1_000_000));

    @BeforeAll
    static void createTable() {
        infrastructure = TestInfrastructure.isolated();
        repository = new TimerRepository(
                infrastructure.dynamo(), infrastructure.table(), Clock.systemUTC(), Duration.ofDays(30));
        dueTimers = new DueTimers(infrastructure.dynamo(), infrastructure.table());
    }

    @AfterAll
    static void dropTable() {
        infrastructure.close();
    }

    @Test
    void listsUnpublishedTimersUpToATimeAcrossAllShards() {
        List<Timer> soon = create(40, Duration.ofMinutes(1), false);
        List<Timer> later = create(5, Duration.ofHours(2), false);

        List<UUID> listed = unpublishedWithinHorizon();

        assertThat(listed).containsAll(ids(soon));
        assertThat(listed).doesNotContainAnyElementsOf(ids(later));
    }

    @Test
    void aTimerAlreadyInTheBrokerIsNotListedForTheFeeder() {
        Timer enqueued = create(1, Duration.ofMinutes(1), true).getFirst();

        assertThat(unpublishedWithinHorizon()).doesNotContain(enqueued.id());
    }

    @Test
    void onlyOneFeederWinsTheEnqueuedMarkAndAFailedPublishGivesItBack() {
        Timer timer = create(1, Duration.ofMinutes(1), false).getFirst();

        assertThat(dueTimers.markEnqueued(timer.id(), timer.fireAt())).isTrue();
        assertThat(dueTimers.markEnqueued(timer.id(), timer.fireAt())).isFalse();
        assertThat(unpublishedWithinHorizon()).doesNotContain(timer.id());

        dueTimers.unmarkEnqueued(timer.id(), timer.fireAt());

        assertThat(unpublishedWithinHorizon()).contains(timer.id());
        assertThat(dueTimers.markEnqueued(timer.id(), timer.fireAt())).isTrue();
    }

    @Test
    void aFailedPublishOfATimerClaimedMeanwhileDoesNotPutItBackForTheFeeder() {
        Timer timer = create(1, Duration.ofSeconds(10), true).getFirst();
        assertThat(repository.claim(timer.id(), timer.fireAt(), "consumer", now.plusSeconds(10), now.plusSeconds(70)))
                .isPresent();

        dueTimers.unmarkEnqueued(timer.id(), timer.fireAt());

        assertThat(unpublishedWithinHorizon()).doesNotContain(timer.id());
    }

    @Test
    void aTimerClaimedOrFinishedLeavesTheFeedersIndex() {
        Timer claimed = create(1, Duration.ofSeconds(10), false).getFirst();
        Timer cancelled = create(1, Duration.ofMinutes(1), false).getFirst();
        assertThat(unpublishedWithinHorizon()).contains(claimed.id(), cancelled.id());

        assertThat(repository.claim(
                        claimed.id(), claimed.fireAt(), "consumer", now.plusSeconds(10), now.plusSeconds(70)))
                .isPresent();
        assertThat(repository.cancel(cancelled.id())).isPresent();

        assertThat(unpublishedWithinHorizon()).doesNotContain(claimed.id(), cancelled.id());
    }

    @Test
    void aFireTimeMovedWithoutItsWakeUpPutsTheTimerBackForTheFeeder() {
        Timer timer = create(1, Duration.ofMinutes(1), true).getFirst();
        Instant moved = now.plus(Duration.ofMinutes(5));

        assertThat(repository.changeFireTime(timer.id(), moved, false)).isPresent();

        assertThat(dueTimers.unpublished(shardOf(timer), now.plus(Duration.ofMinutes(15)), 1000))
                .contains(new UnpublishedWakeUp(timer.id(), moved));
    }

    @Test
    void aSweepOfTheFeedersIndexReadsOnlyTheTimersItHasToPublish() {
        var counting = TestInfrastructure.isolated();
        var meters = new SimpleMeterRegistry();
        try (var watched = counting.dynamoWatchedBy(new StoreReadMeter(meters))) {
            var store =
                    new TimerRepository(counting.dynamo(), counting.table(), Clock.systemUTC(), Duration.ofDays(30));
            // Pending but nothing to publish: wake-ups in the broker already, or fire times beyond the horizon.
            for (int i = 0; i < 300; i++) {
                store.create(TestTimers.dueIn(Duration.ofMinutes(2), now), true);
                store.create(TestTimers.dueIn(Duration.ofDays(3), now), false);
            }
            List<Timer> toPublish = IntStream.range(0, 3)
                    .mapToObj(i -> TestTimers.dueIn(Duration.ofMinutes(1), now))
                    .toList();
            toPublish.forEach(timer -> store.create(timer, false));
            var sweep = new DueTimers(watched, counting.table());

            List<UUID> listed = IntStream.range(0, TimerTable.DUE_SHARDS)
                    .mapToObj(shard -> sweep.unpublished(shard, now.plus(Duration.ofMinutes(15)), 500))
                    .flatMap(List::stream)
                    .map(UnpublishedWakeUp::id)
                    .toList();

            assertThat(listed).containsExactlyInAnyOrderElementsOf(ids(toPublish));
            assertThat(meters.get("timers.store.items.read")
                            .tag("operation", "query")
                            .counter()
                            .count())
                    .as("items the sixteen queries examined, among 903 pending timers")
                    .isEqualTo(3);
        } finally {
            counting.close();
        }
    }

    @Test
    void overdueTimersAreRescuedOnceUntilTheRepeatTimePasses() {
        Timer waiting = create(1, Duration.ofSeconds(10), true).getFirst();
        Timer stuck = create(1, Duration.ofSeconds(10), true).getFirst();
        claimedByADeadConsumer(stuck);
        Instant later = now.plusSeconds(60);

        List<UUID> overdue = allShards(shard -> dueTimers.overdue(shard, later.minusSeconds(5), later, 100, true));

        assertThat(overdue).contains(waiting.id(), stuck.id());
        assertThat(dueTimers.markRescued(waiting, later, later.minusSeconds(30)))
                .hasValueSatisfying(t -> assertThat(t.rescues()).isEqualTo(1));
        assertThat(dueTimers.markRescued(waiting, later.plusSeconds(1), later.minusSeconds(29)))
                .isEmpty();
        assertThat(dueTimers.markRescued(waiting, later.plusSeconds(31), later.plusSeconds(1)))
                .isPresent();
        assertThat(dueTimers.markRescued(stuck, later, later.minusSeconds(30))).isPresent();
    }

    @Test
    void aTimerFiringUnderALiveLeaseIsNotOverdue() {
        Timer firing = create(1, Duration.ofSeconds(10), true).getFirst();
        assertThat(repository.claim(
                        firing.id(), firing.fireAt(), "live-consumer", firing.fireAt(), now.plusSeconds(120)))
                .as("the live consumer's claim is taken")
                .hasValueSatisfying(claimed -> assertFiringUntil(claimed, now.plusSeconds(120)));
        assertThat(repository.find(firing.id()))
                .hasValueSatisfying(stored -> assertFiringUntil(stored, now.plusSeconds(120)));

        List<UUID> overdue =
                allShards(shard -> dueTimers.overdue(shard, now.plusSeconds(55), now.plusSeconds(60), 100, true));

        assertThat(overdue).doesNotContain(firing.id());
    }

    @Test
    void whileWakeUpsAreQueuedOnlyTimersWhoseWakeUpIsNotInTheBrokerAreOverdue() {
        Timer queued = create(1, Duration.ofSeconds(10), true).getFirst();
        Timer neverPublished = create(1, Duration.ofSeconds(10), false).getFirst();
        Timer stuck = create(1, Duration.ofSeconds(10), true).getFirst();
        claimedByADeadConsumer(stuck);
        Instant later = now.plusSeconds(60);

        List<UUID> all = allShards(shard -> dueTimers.overdue(shard, later.minusSeconds(5), later, 100, true));
        List<UUID> withoutQueued =
                allShards(shard -> dueTimers.overdue(shard, later.minusSeconds(5), later, 100, false));

        assertThat(all).contains(queued.id(), neverPublished.id(), stuck.id());
        assertThat(withoutQueued).contains(neverPublished.id(), stuck.id()).doesNotContain(queued.id());
    }

    /** Claims the timer at its fire time under a 30 s lease, as a consumer that then dies holding it. */
    private void claimedByADeadConsumer(Timer timer) {
        Instant leaseUntil = timer.fireAt().plusSeconds(30);
        assertThat(repository.claim(timer.id(), timer.fireAt(), "dead-consumer", timer.fireAt(), leaseUntil))
                .as("the dead consumer's claim is taken")
                .hasValueSatisfying(claimed -> assertFiringUntil(claimed, leaseUntil));
        assertThat(repository.find(timer.id())).hasValueSatisfying(stored -> assertFiringUntil(stored, leaseUntil));
    }

    private List<UUID> unpublishedWithinHorizon() {
        return IntStream.range(0, TimerTable.DUE_SHARDS)
                .mapToObj(shard -> dueTimers.unpublished(shard, now.plus(Duration.ofMinutes(15)), 1000))
                .flatMap(List::stream)
                .map(UnpublishedWakeUp::id)
                .toList();
    }

    private static int shardOf(Timer timer) {
        return Integer.parseInt(TimerTable.dueShardOf(timer.id()));
    }

    private static List<UUID> ids(List<Timer> timers) {
        return timers.stream().map(Timer::id).toList();
    }

    private static void assertFiringUntil(Timer timer, Instant leaseUntil) {
        assertThat(timer.status()).isEqualTo(TimerStatus.FIRING);
        assertThat(timer.leaseUntil()).isEqualTo(leaseUntil);
    }

    private List<Timer> create(int count, Duration delay, boolean enqueued) {
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    Timer timer = TestTimers.dueIn(delay, now);
                    repository.create(timer, enqueued);
                    return timer;
                })
                .toList();
    }

    private static List<UUID> allShards(java.util.function.IntFunction<List<Timer>> query) {
        return IntStream.range(0, TimerTable.DUE_SHARDS)
                .mapToObj(query)
                .flatMap(List::stream)
                .map(Timer::id)
                .toList();
    }
}
