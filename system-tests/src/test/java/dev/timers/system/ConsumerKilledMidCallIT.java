package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.ScriptedTarget;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real consumer process killed with {@code kill -9} while its call to the target is open: nothing of it is
 * left but its claim in the store, and another consumer fires the timer once more after the lease.
 */
class ConsumerKilledMidCallIT {

    private static final Map<String, String> SETTINGS =
            Map.of("timers.consumer.response-timeout", "3s", "timers.consumer.lease", "8s");

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static TimerRepository repository;

    @BeforeAll
    static void start() {
        cluster.startApi();
        repository = cluster.api().getBean(TimerRepository.class);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aTimerWhoseConsumerIsKilledMidCallFiresOnceMoreWithTheSameWebhookIdAfterTheLease() {
        var consumer = cluster.startConsumerProcess(SETTINGS);
        try (var target = ScriptedTarget.start("127.0.0.12", holdsTheFirstCallOpenThenAnswers200())) {
            UUID id = cluster.createIn(1, target.url());
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> target.receivedFor(id).size() == 1);
            Timer firing = repository.find(id).orElseThrow();
            assertThat(firing.status()).isEqualTo(TimerStatus.FIRING);

            consumer.kill();

            // The killed consumer recorded nothing: its claim stays until its lease runs out.
            assertThat(repository.find(id).orElseThrow().status()).isEqualTo(TimerStatus.FIRING);
            try (var another = cluster.startConsumer(SETTINGS)) {
                await().atMost(Duration.ofSeconds(40))
                        .until(() -> repository.find(id).orElseThrow().status() == TimerStatus.DELIVERED);
            }

            var calls = target.receivedFor(id);
            assertThat(calls).hasSize(2);
            assertThat(calls).extracting(ScriptedTarget.Request::webhookId).containsOnly(id.toString());
            assertThat(calls.get(1).at()).isAfter(firing.leaseUntil());
            Timer delivered = repository.find(id).orElseThrow();
            assertThat(delivered.rescues()).isGreaterThanOrEqualTo(1);
            assertThat(delivered.attempts())
                    .singleElement()
                    .satisfies(a -> assertThat(a.statusCode()).isEqualTo(200));
        }
    }

    /** The first request is held open (the consumer dies waiting for it); every later one gets a 200. */
    private static ScriptedTarget.Script holdsTheFirstCallOpenThenAnswers200() {
        var requests = new AtomicInteger();
        return (OutputStream out) -> {
            if (requests.incrementAndGet() == 1) {
                ScriptedTarget.silent().respond(out);
            } else {
                ScriptedTarget.status(200).respond(out);
            }
        };
    }
}
