package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The order in which the store gate lets callers in, with one place held while the waiters line up. */
class FairGateTest {

    private final FairGate gate = new FairGate(1);
    private final List<String> servedInOrder = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> waiters = new ArrayList<>();

    @Test
    void aQuietOwnersClaimsTakeTurnsWithANoisyOwnersInsteadOfWaitingBehindThem() throws InterruptedException {
        gate.enterHolding();
        lineUpClaims("noisy", 20);
        lineUpClaims("quiet", 3);

        gate.leave();
        awaitAllServed();

        // Round robin: noisy, quiet, noisy, quiet, noisy, quiet, then the rest of the noisy ones. First in,
        // first out would serve the quiet ones 21st to 23rd.
        assertThat(servedInOrder).hasSize(23);
        assertThat(servedInOrder.subList(0, 6)).containsExactly("noisy", "quiet", "noisy", "quiet", "noisy", "quiet");
        assertThat(servedInOrder.subList(6, 23)).containsOnly("noisy");
    }

    @Test
    void workUnderAClaimGoesAheadOfEveryNewClaimWaiting() throws InterruptedException {
        gate.enterHolding();
        lineUpClaims("noisy", 10);
        lineUpClaims("quiet", 2);
        lineUp("outcome", gate::enterHolding);
        lineUp("outcome", gate::enterHolding);

        gate.leave();
        awaitAllServed();

        assertThat(servedInOrder.subList(0, 2)).containsExactly("outcome", "outcome");
        assertThat(servedInOrder).hasSize(14);
    }

    @Test
    void aLoneCallerEntersAtOnceWhilePlacesAreFree() throws InterruptedException {
        var roomy = new FairGate(2);
        var entered = new CountDownLatch(2);
        Thread.ofVirtual().start(() -> {
            roomy.enterClaim("alone");
            entered.countDown();
            roomy.enterHolding();
            entered.countDown();
        });

        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(roomy.waiting()).isZero();
    }

    private void lineUpClaims(String owner, int count) {
        for (int i = 0; i < count; i++) {
            lineUp(owner, () -> gate.enterClaim(owner));
        }
    }

    /** Starts a caller that enters the gate, notes its name, and leaves; returns once it waits in the gate. */
    private void lineUp(String name, Runnable enter) {
        int waitingBefore = gate.waiting();
        waiters.add(Thread.ofVirtual().start(() -> {
            enter.run();
            servedInOrder.add(name);
            gate.leave();
        }));
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.waiting() == waitingBefore + 1);
    }

    private void awaitAllServed() throws InterruptedException {
        for (Thread waiter : waiters) {
            waiter.join(Duration.ofSeconds(10));
        }
        assertThat(gate.waiting()).isZero();
    }
}
