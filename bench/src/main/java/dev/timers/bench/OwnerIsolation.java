package dev.timers.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 9: two owners due in the same second at the fast receiver: the busy owner's burst of thousands and the
 * quiet owner's 20, created after the burst. The quiet owner's lateness shows whether it waited behind the burst
 * (in the consumer's store gate or at the shared host) or was served beside it; the burst must lose nothing.
 */
final class OwnerIsolation {

    static final int QUIET_TIMERS = 20;

    private OwnerIsolation() {}

    static Map<String, Object> run(Run run) throws Exception {
        String quietKey = run.env.get("BENCH_QUIET_API_KEY");
        if (quietKey == null || quietKey.isBlank()) {
            throw new IllegalStateException("no second owner's key (BENCH_QUIET_API_KEY): run through ./bench.sh");
        }
        Api quiet = run.api.as(quietKey);
        int busyCount = run.settings.ownerIsolationBusyTimers();
        Instant at = Instant.now().plus(run.leadFor(busyCount + QUIET_TIMERS)).plusSeconds(5);
        String url = run.receiver.url("/fast");
        run.progress.say(
                "  %,d timers of the busy owner and %d of the quiet one, all due within the second from %s",
                busyCount, QUIET_TIMERS, at);
        List<Deliveries.Expected> busy =
                run.create("owner_isolation_busy", Run.spread(busyCount, at, Duration.ofSeconds(1), url, null));
        List<Deliveries.Expected> quietOnes = run.create(
                "owner_isolation_quiet", Run.spread(QUIET_TIMERS, at, Duration.ofSeconds(1), url, null), quiet);
        // The owners are told apart only with API keys on: the quiet owner must not see the busy one's timer.
        int crossRead = quiet.statusOf("/timers/" + busy.getFirst().id());
        if (crossRead != 404) {
            throw new IllegalStateException("the quiet owner read the busy owner's timer (" + crossRead
                    + "): the stack does not tell owners apart; start it with API keys (./bench.sh does)");
        }
        Duration timeout = Duration.between(Instant.now(), at).plusSeconds(300);
        Deliveries.Outcome quietOutcome =
                run.deliveries.await("owner_isolation_quiet", quietOnes, timeout, run.progress);
        Deliveries.Outcome busyOutcome = run.deliveries.await("owner_isolation_busy", busy, timeout, run.progress);
        var out = new LinkedHashMap<String, Object>();
        out.put("busy_timers", busyCount);
        out.put("quiet_timers", QUIET_TIMERS);
        out.put("quiet", quietOutcome.json());
        out.put("busy", busyOutcome.json());
        out.put(
                "busy_drain_s",
                Numbers.round3((busyOutcome.lastMicros() - busy.getFirst().fireAtMicros()) / 1e6));
        run.progress.say(
                "  quiet owner p99 %s ms, busy owner p99 %s ms",
                quietOutcome.lateness().summary().get("p99_ms"),
                busyOutcome.lateness().summary().get("p99_ms"));
        return out;
    }
}
