package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OwnerSharesTest {

    @Test
    void anOwnerHoldsAtMostItsShareWhileAnotherOwnerStillGetsIn() {
        var shares = new OwnerShares(3);

        assertThat(shares.tryEnter("busy")).isTrue();
        assertThat(shares.tryEnter("busy")).isTrue();
        assertThat(shares.tryEnter("busy")).isTrue();
        assertThat(shares.tryEnter("busy")).isFalse();
        assertThat(shares.tryEnter("quiet")).isTrue();

        shares.leave("busy");
        assertThat(shares.tryEnter("busy")).isTrue();
        assertThat(shares.heldBy("busy")).isEqualTo(3);
    }

    @Test
    void manyEnteringAtOnceNeverExceedTheShareAndEveryPlaceComesBack() throws InterruptedException {
        var shares = new OwnerShares(50);
        var inside = new AtomicInteger();
        var most = new AtomicInteger();
        try (var threads = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 10_000; i++) {
                threads.execute(() -> {
                    if (shares.tryEnter("busy")) {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.yield();
                        inside.decrementAndGet();
                        shares.leave("busy");
                    }
                });
            }
        }

        assertThat(most.get()).isLessThanOrEqualTo(50);
        assertThat(shares.heldBy("busy")).isZero();
    }
}
