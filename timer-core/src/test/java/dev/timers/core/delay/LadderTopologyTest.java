package dev.timers.core.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;

class LadderTopologyTest {

    private final LadderTopology ladder = new LadderTopology(new TopologyNames("t"), 16, 5);

    @Test
    void writesTheDelayInBase16DigitsMostSignificantFirst() {
        assertThat(ladder.route(Duration.ofMillis(3700)).routingKey()).isEqualTo("0.0.e.7.4.due");
        assertThat(ladder.route(Duration.ofMillis(50)).routingKey()).isEqualTo("0.0.0.3.2.due");
        assertThat(ladder.route(Duration.ZERO).routingKey()).isEqualTo("0.0.0.0.0.due");
    }

    @Test
    void roundsPartMillisecondsUpSoNothingArrivesEarly() {
        assertThat(ladder.route(Duration.ofNanos(999_000_001)).routingKey()).isEqualTo("0.0.3.e.8.due");
    }

    @Test
    void withAnEarlyWindowTheLowestLevelsAreSkippedAndEveryWakeUpLeavesBeforeItsTimeButWithinTheWindow() {
        var early = new LadderTopology(new TopologyNames("t"), 16, 5, Duration.ofMillis(400));
        // 3,700 ms less an 80 ms margin, in whole steps of 256 ms: 14 * 256 = 3,584 ms, levels 0 and 1 unused.
        assertThat(early.routeEarly(Duration.ofMillis(3700)).routingKey()).isEqualTo("0.0.e.0.0.due");
        assertThat(early.routeEarly(Duration.ofMillis(50)).routingKey()).isEqualTo("0.0.0.0.0.due");
        for (long wanted = 0; wanted < 200_000; wanted += 7) {
            long routed = millisOf(early.routeEarly(Duration.ofMillis(wanted)).routingKey(), 16);
            // At least the 80 ms margin early (for the hops that remain), at most the 400 ms window.
            assertThat(wanted - routed)
                    .as("%d ms routed as %d ms", wanted, routed)
                    .isBetween(Math.min(wanted, 80L), 400L);
            assertThat(routed % 256).isZero();
        }
    }

    @Test
    void aDelayThatIsNotAWakeUpForItsFireTimeIsRoutedToTheMillisecondWhateverTheWindow() {
        var early = new LadderTopology(new TopologyNames("t"), 16, 5, Duration.ofMillis(400));
        for (long wanted = 0; wanted < 200_000; wanted += 7) {
            assertThat(millisOf(early.route(Duration.ofMillis(wanted)).routingKey(), 16))
                    .isEqualTo(wanted);
            assertThat(millisOf(ladder.routeEarly(Duration.ofMillis(wanted)).routingKey(), 16))
                    .as("no window at all")
                    .isEqualTo(wanted);
        }
    }

    @Test
    void theWindowWorksInStepsOfAnyBaseAndAWindowTooSmallForAStepChangesNothing() {
        var base2 = new LadderTopology(new TopologyNames("t"), 2, 20, Duration.ofMillis(400));
        var tiny = new LadderTopology(new TopologyNames("t"), 16, 5, Duration.ofMillis(4));
        for (long wanted = 0; wanted < 1_000_000; wanted += 997) {
            long routed = millisOf(base2.routeEarly(Duration.ofMillis(wanted)).routingKey(), 2);
            assertThat(wanted - routed).isBetween(Math.min(wanted, 80L), 400L);
            assertThat(millisOf(tiny.routeEarly(Duration.ofMillis(wanted)).routingKey(), 16))
                    .isEqualTo(Math.min(wanted, 16L * 16 * 16 * 16 * 16 - 1));
        }
    }

    private static long millisOf(String routingKey, int base) {
        long millis = 0;
        for (String digit :
                routingKey.substring(0, routingKey.length() - ".due".length()).split("\\.")) {
            millis = millis * base + Character.digit(digit.charAt(0), Character.MAX_RADIX);
        }
        return millis;
    }

    @Test
    void publishesIntoTheTopLevel() {
        assertThat(ladder.route(Duration.ofSeconds(1)).exchange()).isEqualTo("t.delay.4");
    }

    @Test
    void clampsDelaysToWhatItCanCarry() {
        assertThat(ladder.maxDelay()).isEqualTo(Duration.ofMillis(16L * 16 * 16 * 16 * 16 - 1));
        assertThat(ladder.route(Duration.ofDays(1)).routingKey()).isEqualTo("f.f.f.f.f.due");
        assertThat(ladder.route(Duration.ofMillis(-5)).routingKey()).isEqualTo("0.0.0.0.0.due");
    }

    @Test
    void declaresOneQueuePerNonZeroDigitWithThatDigitsWait() {
        var queues = ladder.declarables().getDeclarablesByType(Queue.class);
        assertThat(queues).filteredOn(q -> q.getName().startsWith("t.delay.")).hasSize(15 * 5);
        Queue level2digitE = queues.stream()
                .filter(q -> q.getName().equals("t.delay.2.e"))
                .findFirst()
                .orElseThrow();
        assertThat(level2digitE.getArguments())
                .containsEntry("x-message-ttl", 14 * 256)
                .containsEntry("x-dead-letter-exchange", "t.delay.1");
    }

    @Test
    void routesZeroDigitsStraightOnToTheNextLevel() {
        var bindings = ladder.declarables().getDeclarablesByType(Binding.class);
        assertThat(bindings).anySatisfy(b -> {
            assertThat(b.getExchange()).isEqualTo("t.delay.0");
            assertThat(b.getDestination()).isEqualTo("t.due");
            assertThat(b.getRoutingKey()).isEqualTo("*.*.*.*.0.#");
            assertThat(b.isDestinationQueue()).isFalse();
        });
    }
}
