package dev.timers.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big each scenario is. The default sizes are the full benchmark's; {@code --quick} shrinks every count and window so
 * the whole run takes a few minutes, which is for checking the harness, not for quoting.
 */
record Settings(
        boolean quick,
        Duration storeWindow,
        List<Integer> createRates,
        Duration createStep,
        int precisionTimers,
        Duration precisionSpread,
        int burstTimers,
        List<Integer> precisionRates,
        Duration rateWindow,
        int throughputTimers,
        int slowTimers,
        int blackholeTimers,
        int isolationTimers,
        Duration isolationSpread,
        int pendingTimers,
        int probeTimers,
        Duration probeWindow,
        int outageTimers) {

    static Settings of(boolean quick) {
        if (quick) {
            return new Settings(
                    true,
                    Duration.ofSeconds(3),
                    List.of(50, 200, 500),
                    Duration.ofSeconds(3),
                    600,
                    Duration.ofSeconds(6),
                    150,
                    List.of(50),
                    Duration.ofSeconds(5),
                    1_000,
                    400,
                    100,
                    300,
                    Duration.ofSeconds(6),
                    2_000,
                    100,
                    Duration.ofSeconds(6),
                    300);
        }
        return new Settings(
                false,
                Duration.ofSeconds(15),
                List.of(50, 100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1500),
                Duration.ofSeconds(8),
                10_000,
                Duration.ofSeconds(60),
                2_000,
                List.of(50, 100),
                Duration.ofSeconds(15),
                20_000,
                3_000,
                1_000,
                2_000,
                Duration.ofSeconds(20),
                100_000,
                1_000,
                Duration.ofSeconds(20),
                5_000);
    }

    /** The busy owner's timers in the owner isolation scenario (the quiet owner has 20 either way). */
    int ownerIsolationBusyTimers() {
        return quick ? 600 : 3_000;
    }

    /** The distinct target hosts of the distinct hosts scenario, one timer each. */
    int distinctHosts() {
        return quick ? 2_000 : 20_000;
    }
}
