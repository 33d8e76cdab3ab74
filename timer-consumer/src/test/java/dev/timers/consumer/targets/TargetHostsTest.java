package dev.timers.consumer.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.core.testing.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Circuits per owner and host, fair shares of a host's places, and how long host state is kept. */
class TargetHostsTest {

    private static final TargetHost HOST = new TargetHost("shared.example:443");
    private static final Duration FORGET_AFTER = Duration.ofMinutes(5);
    private static final Duration WANTED_FOR = Duration.ofSeconds(3);

    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-01T09:00:00Z"));

    @Test
    void oneOwnersFailuresOpenOnlyThatOwnersCircuitToTheHost() {
        var targets = targets(10, 1000);
        for (int i = 0; i < 5; i++) {
            admitted(targets.admit("a", HOST)).finish(HostPermit.Verdict.FAILED);
        }

        assertThat(targets.admit("a", HOST)).isInstanceOf(Admission.CircuitOpen.class);
        assertThat(targets.admit("b", HOST)).isInstanceOf(Admission.Admitted.class);
        assertThat(targets.states())
                .filteredOn(state -> state.owner().equals("a"))
                .singleElement()
                .satisfies(state -> assertThat(state.circuitOpen()).isTrue());
        assertThat(targets.states())
                .filteredOn(state -> state.owner().equals("b"))
                .singleElement()
                .satisfies(state -> assertThat(state.circuitOpen()).isFalse());
    }

    @Test
    void aLoneOwnerUsesEveryPlaceAndSharesThemOnceAnotherOwnerWantsTheHost() {
        var targets = targets(4, 1000);
        List<HostPermit> noisy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            noisy.add(admitted(targets.admit("noisy", HOST)));
        }
        assertThat(targets.admit("quiet", HOST)).isInstanceOf(Admission.HostBusy.class);
        assertThat(targets.isFull("quiet", HOST)).isTrue();

        noisy.removeFirst().finish(HostPermit.Verdict.ANSWERED);
        // The place freed goes to the owner that was refused, not back to the one holding more than half.
        assertThat(targets.isFull("noisy", HOST)).isTrue();
        assertThat(targets.admit("noisy", HOST)).isInstanceOf(Admission.HostBusy.class);
        assertThat(targets.isFull("quiet", HOST)).isFalse();
        admitted(targets.admit("quiet", HOST));

        noisy.removeFirst().finish(HostPermit.Verdict.ANSWERED);
        admitted(targets.admit("quiet", HOST));
        // Each holds its share of two now: neither gets a third.
        noisy.removeFirst().finish(HostPermit.Verdict.ANSWERED);
        assertThat(targets.admit("quiet", HOST)).isInstanceOf(Admission.HostBusy.class);
        admitted(targets.admit("noisy", HOST));
    }

    @Test
    void anOwnerThatStoppedAskingNoLongerHoldsBackTheOther() {
        var targets = targets(2, 1000);
        HostPermit first = admitted(targets.admit("noisy", HOST));
        admitted(targets.admit("noisy", HOST));
        assertThat(targets.admit("quiet", HOST)).isInstanceOf(Admission.HostBusy.class);
        first.finish(HostPermit.Verdict.ANSWERED);
        assertThat(targets.admit("noisy", HOST)).isInstanceOf(Admission.HostBusy.class);

        clock.advance(WANTED_FOR.plusSeconds(1));

        assertThat(targets.admit("noisy", HOST)).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void idleHostsAreForgottenAndTheirNumberStaysBounded() {
        var targets = targets(10, 500);
        for (int i = 0; i < 3000; i++) {
            admitted(targets.admit("owner-" + (i % 7), new TargetHost("h" + i + ".example:443")))
                    .finish(HostPermit.Verdict.ANSWERED);
        }
        targets.cleanUp();
        assertThat(targets.trackedHosts()).isLessThanOrEqualTo(500);

        clock.advance(FORGET_AFTER.plusSeconds(1));
        targets.cleanUp();

        assertThat(targets.trackedHosts()).isZero();
        assertThat(targets.states()).isEmpty();
    }

    @Test
    void aHostWithACallInFlightIsNeverEvictedAndItsPlaceGoesBackToTheSameEntry() {
        var targets = targets(1, 100);
        HostPermit inFlight = admitted(targets.admit("a", HOST));

        for (int i = 0; i < 3000; i++) {
            admitted(targets.admit("a", new TargetHost("h" + i + ".example:443")))
                    .finish(HostPermit.Verdict.ANSWERED);
        }
        clock.advance(FORGET_AFTER.multipliedBy(3));
        targets.cleanUp();

        // Still the entry that counts the call: the host's only place is taken, for every owner.
        assertThat(targets.states()).extracting(TargetHosts.HostState::host).containsExactly(HOST);
        assertThat(targets.admit("a", HOST)).isInstanceOf(Admission.HostBusy.class);
        assertThat(targets.admit("b", HOST)).isInstanceOf(Admission.HostBusy.class);

        inFlight.finish(HostPermit.Verdict.ANSWERED);
        HostPermit next = admitted(targets.admit("b", HOST));
        next.finish(HostPermit.Verdict.ANSWERED);

        clock.advance(FORGET_AFTER.plusSeconds(1));
        targets.cleanUp();
        assertThat(targets.trackedHosts()).isZero();
    }

    private TargetHosts targets(int perHostMaxInFlight, long maxTracked) {
        var breakers = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordExceptions(Throwable.class)
                .build();
        return new TargetHosts(
                new TargetHosts.Settings(perHostMaxInFlight, WANTED_FOR, FORGET_AFTER, maxTracked, breakers), clock);
    }

    private static HostPermit admitted(Admission admission) {
        assertThat(admission).isInstanceOf(Admission.Admitted.class);
        return ((Admission.Admitted) admission).permit();
    }
}
