package dev.timers.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.TestTimers;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sparse due index against dynalite: what the feeder and the rescuer see, and the marks they race for. */
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
    void listsPendingTimersUpToATimeAcrossAllShards() {
        List<Timer> soon = create(40, Duration.ofMinutes(1), false);
        List<Timer> later = create(5, Duration.ofHours(2), false);

        List<UUID> listed = allShards(shard -> dueTimers.notEnqueued(shard, now.plus(Duration.ofMinutes(15)), 100));

        assertThat(listed).containsAll(soon.stream().map(Timer::id).toList());
        assertThat(listed)
                .doesNotContainAnyElementsOf(later.stream().map(Timer::id).toList());
    }

    @Test
    void aTimerAlreadyInTheBrokerIsNotListedForTheFeeder() {
        Timer enqueued = create(1, Duration.ofMinutes(1), true).getFirst();

        List<UUID> listed = allShards(shard -> dueTimers.notEnqueued(shard, now.plus(Duration.ofMinutes(15)), 100));

        assertThat(listed).doesNotContain(enqueued.id());
    }

    @Test
    void onlyOneFeederWinsTheEnqueuedMarkAndAFailedPublishGivesItBack() {
        Timer timer = create(1, Duration.ofMinutes(1), false).getFirst();

        assertThat(dueTimers.markEnqueued(timer.id(), timer.fireAt())).isTrue();
        assertThat(dueTimers.markEnqueued(timer.id(), timer.fireAt())).isFalse();
        dueTimers.unmarkEnqueued(timer.id(), timer.fireAt());
        assertThat(dueTimers.markEnqueued(timer.id(), timer.fireAt())).isTrue();
    }

    @Test
    void finishedTimersLeaveTheIndex() {
        Timer timer = create(1, Duration.ofMinutes(1), false).getFirst();
        repository.cancel(timer.id());

        List<UUID> listed = allShards(shard -> dueTimers.notEnqueued(shard, now.plus(Duration.ofMinutes(15)), 100));

        assertThat(listed).doesNotContain(timer.id());
    }

    @Test
    void overdueTimersAreRescuedOnceUntilTheRepeatTimePasses() {
        Timer waiting = create(1, Duration.ofSeconds(10), true).getFirst();
        Timer stuck = create(1, Duration.ofSeconds(10), true).getFirst();
        assertThat(repository.claim(
                        stuck.id(),
                        stuck.fireAt(),
                        "dead-consumer",
                        stuck.fireAt(),
                        stuck.fireAt().plusSeconds(30)))
                .as("the dead consumer's claim is taken")
                .hasValueSatisfying(
                        claimed -> assertFiringUntil(claimed, stuck.fireAt().plusSeconds(30)));
        assertThat(repository.find(stuck.id()))
                .hasValueSatisfying(
                        stored -> assertFiringUntil(stored, stuck.fireAt().plusSeconds(30)));
        Instant later = now.plusSeconds(60);

        List<UUID> overdue = allShards(shard -> dueTimers.overdue(shard, later.minusSeconds(5), later, 100));

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
                allShards(shard -> dueTimers.overdue(shard, now.plusSeconds(55), now.plusSeconds(60), 100));

        assertThat(overdue).doesNotContain(firing.id());
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
