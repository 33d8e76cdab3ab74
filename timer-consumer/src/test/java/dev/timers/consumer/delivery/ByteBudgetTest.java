package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ByteBudgetTest {

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void reservationsCountWhileHeldAndAreGivenBackOnClose() throws Exception {
        var budget = new ByteBudget(1000);

        var first = budget.reserve(300);
        var second = budget.reserve(700);
        assertThat(budget.inUse()).isEqualTo(1000);

        second.close();
        second.close();
        assertThat(budget.inUse()).isEqualTo(300);
        first.close();
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void aQuietOwnersWaiterIsServedAfterOneOfABusyOwnersNotAfterAllOfThem() throws Exception {
        var budget = new ByteBudget(1000);
        var held = budget.reserve("busy", 1000);
        List<Future<ByteBudget.Reservation>> busy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            busy.add(threads.submit(() -> budget.reserve("busy", 1000)));
            int queued = i + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> budget.waiting() == queued);
        }
        Future<ByteBudget.Reservation> quiet = threads.submit(() -> budget.reserve("quiet", 1000));
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.waiting() == 4);

        held.close();
        var firstBusy = busy.getFirst().get(5, TimeUnit.SECONDS);
        assertThat(quiet).isNotDone();
        firstBusy.close();

        var quietOne = quiet.get(5, TimeUnit.SECONDS);
        assertThat(busy.get(1)).isNotDone();
        assertThat(busy.get(2)).isNotDone();
        quietOne.close();
        busy.get(1).get(5, TimeUnit.SECONDS).close();
        busy.get(2).get(5, TimeUnit.SECONDS).close();
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void aReservationThatDoesNotFitWaitsUntilEnoughIsGivenBack() throws Exception {
        var budget = new ByteBudget(1000);
        var held = budget.reserve(800);

        Future<ByteBudget.Reservation> waiting = threads.submit(() -> budget.reserve(400));
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.waiting() == 1);
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        assertThat(budget.inUse()).isEqualTo(800);

        held.close();
        assertThat(waiting.get(5, TimeUnit.SECONDS).bytes()).isEqualTo(400);
        assertThat(budget.inUse()).isEqualTo(400);
    }

    @Test
    void shrinkingAReservationAdmitsTheNextWaiter() throws Exception {
        var budget = new ByteBudget(1000);
        var held = budget.reserve(900);
        Future<ByteBudget.Reservation> waiting = threads.submit(() -> budget.reserve(500));
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.waiting() == 1);

        held.resize(300);

        waiting.get(5, TimeUnit.SECONDS);
        assertThat(budget.inUse()).isEqualTo(800);
    }

    @Test
    void aReservationLargerThanTheWholeBudgetIsAdmittedAloneOnceNothingElseIsHeld() throws Exception {
        var budget = new ByteBudget(1000);
        var small = budget.reserve(100);

        Future<ByteBudget.Reservation> huge = threads.submit(() -> budget.reserve(5000));
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.waiting() == 1);
        // Behind the huge one in the line: it waits too, though it would fit.
        Future<ByteBudget.Reservation> behind = threads.submit(() -> budget.reserve(100));
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.waiting() == 2);
        Thread.sleep(200);
        assertThat(huge).isNotDone();

        small.close();
        ByteBudget.Reservation alone = huge.get(5, TimeUnit.SECONDS);
        assertThat(budget.inUse()).isEqualTo(5000);
        Thread.sleep(200);
        assertThat(behind).isNotDone();

        alone.close();
        behind.get(5, TimeUnit.SECONDS);
        assertThat(budget.inUse()).isEqualTo(100);
    }

    @Test
    void aHugeReservationIntoAnEmptyBudgetIsAdmittedAtOnce() throws Exception {
        var budget = new ByteBudget(1000);

        try (var alone = budget.reserve(10_000)) {
            assertThat(budget.inUse()).isEqualTo(10_000);
        }
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void anInterruptedWaiterLeavesTheLineAndTheOneBehindItMovesUp() throws Exception {
        var budget = new ByteBudget(1000);
        var held = budget.reserve(600);
        var waiterThread = new CompletableFuture<Thread>();
        Future<ByteBudget.Reservation> interrupted = threads.submit(() -> {
            waiterThread.complete(Thread.currentThread());
            return budget.reserve(900);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.waiting() == 1);
        Future<ByteBudget.Reservation> behind = threads.submit(() -> budget.reserve(300));
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.waiting() == 2);

        waiterThread.get().interrupt();

        assertThat(behind.get(5, TimeUnit.SECONDS).bytes()).isEqualTo(300);
        assertThatThrownBy(() -> interrupted.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
        assertThat(budget.inUse()).isEqualTo(900);
        held.close();
    }

    @Test
    void closingSendsTheWaitersAwayEmptyHandedAndRefusesNewReservations() throws Exception {
        var budget = new ByteBudget(1000);
        var held = budget.reserve(1000);
        Future<ByteBudget.Reservation> waiting = threads.submit(() -> budget.reserve(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> budget.waiting() == 1);

        budget.close();

        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
        assertThatThrownBy(() -> budget.reserve(10)).isInstanceOf(InterruptedException.class);
        held.close();
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void manyThreadsTogetherNeverHoldMoreThanTheBudget() throws Exception {
        var budget = new ByteBudget(10_000);
        var peak = new java.util.concurrent.atomic.AtomicLong();
        var futures = new java.util.ArrayList<Future<?>>();
        for (int i = 0; i < 200; i++) {
            long bytes = 500 + (i % 7) * 300;
            futures.add(threads.submit(() -> {
                try (var held = budget.reserve(bytes)) {
                    peak.accumulateAndGet(budget.inUse(), Math::max);
                    Thread.sleep(2);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
        assertThat(peak.get()).isPositive().isLessThanOrEqualTo(10_000);
        assertThat(budget.inUse()).isZero();
    }
}
