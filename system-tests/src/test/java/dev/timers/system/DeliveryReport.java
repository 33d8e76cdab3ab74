package dev.timers.system;

import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.timer.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a receiver saw of a set of timers, and how late their records say they fired: for a test to log beside
 * its own timings, since repeats on the wire are legal and lateness is not asserted on a busy machine.
 *
 * @param calls every request that arrived
 * @param timers distinct {@code webhook-id}s among them
 * @param repeated each timer called more than once, with its number of calls
 * @param lateness each delivered timer's lateness, shortest first
 */
record DeliveryReport(int calls, int timers, Map<String, Long> repeated, List<Duration> lateness) {

    static DeliveryReport of(WebhookReceiver receiver, List<Timer> records) {
        var received = receiver.received();
        Map<String, Long> perTimer = received.stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Received::webhookId, Collectors.counting()));
        Map<String, Long> repeated = perTimer.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Duration> lateness = records.stream()
                .flatMap(timer -> timer.lateness().stream())
                .sorted()
                .toList();
        return new DeliveryReport(received.size(), perTimer.size(), repeated, lateness);
    }

    String describe(Duration failover, Duration away, Duration restart) {
        return String.format(
                "new leaders for every queue after %d ms (looked at through rabbitmqctl); away for %d ms; restarted"
                        + " and rejoined in %d ms; %d calls for %d timers, %d timers repeated on the wire %s;"
                        + " lateness p50 %d ms, p99 %d ms, max %d ms, %d timers later than 5 s",
                failover.toMillis(),
                away.toMillis(),
                restart.toMillis(),
                calls,
                timers,
                repeated.size(),
                repeated,
                percentile(50),
                percentile(99),
                percentile(100),
                lateness.stream()
                        .filter(late -> late.compareTo(Duration.ofSeconds(5)) > 0)
                        .count());
    }

    private long percentile(int percent) {
        return lateness.isEmpty()
                ? 0
                : lateness.get(Math.min(lateness.size() - 1, lateness.size() * percent / 100))
                        .toMillis();
    }
}
