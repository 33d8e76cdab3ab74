package dev.timers.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fire-precision load, as offsets from a start, so ours and the peer get exactly the same timers: {@code
 * steady} evenly over {@code spread}, then a burst of {@code burst} due within one second, two seconds later.
 */
record Schedule(int steady, Duration spread, int burst) {

    Duration length() {
        return spread.plusSeconds(3);
    }

    List<Instant> fireTimes(Instant start) {
        List<Instant> times = new ArrayList<>(steady + burst);
        for (int i = 0; i < steady; i++) {
            times.add(start.plusNanos(spread.toNanos() / steady * i));
        }
        Instant burstStart = start.plus(spread).plusSeconds(2);
        for (int i = 0; i < burst; i++) {
            times.add(burstStart.plusNanos(1_000_000_000L / burst * i));
        }
        return times;
    }
}
