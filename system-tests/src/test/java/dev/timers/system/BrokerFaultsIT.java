package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.Scale;
import dev.timers.core.testing.TestBackends;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker fails, for real: the store keeps every accepted timer, and each still fires once. */
class BrokerFaultsIT {

    private static final TimersCluster cluster = TimersCluster.isolated();
    private static final TestInfrastructure infrastructure = cluster.infrastructure();
    private static final WebhookReceiver receiver = cluster.receiver();
    private static TimerRepository repository;

    @BeforeAll
    static void start() {
        repository = cluster.startConsumer().getBean(TimerRepository.class);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aTimerCreatedWhileTheApiCannotReachTheBrokerIsAcceptedAndStillFires() throws IOException {
        // This API's broker address leads nowhere: its publish fails after the timer is stored.
        try (var cutOff = cluster.sharingInfrastructure()) {
            cutOff.startApi(Map.of("spring.rabbitmq.port", Integer.toString(closedPort())));

            UUID id = cutOff.createIn(1, receiver.url());

            // The failed publish took back the timer's enqueued mark, so a feeder sweep publishes it again.
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> repository.find(id).orElseThrow().status() == TimerStatus.DELIVERED);
            Timer timer = repository.find(id).orElseThrow();
            assertThat(timer.rescues())
                    .as("fired through the feeder, not the rescuer")
                    .isZero();
            // Within grace (1 s) plus a sweep (1 s), with some slack for a busy machine.
            assertThat(timer.lateness().orElseThrow()).isLessThan(Duration.ofSeconds(5));
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.receivedFor(id).size() == 1);
        }
    }

    @Test
    void aBrokerRestartLosesNoTimerAndDoublesNone() throws Exception {
        assumeThat(Rabbitmqctl.available())
                .as("rabbitmqctl can restart the broker the tests use (this machine's, not a container)")
                .isTrue();
        cluster.startApi();
        int count = Scale.of(200, 1000);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(cluster.createIn(2 + i % 5, receiver.url()));
        }

        try {
            Rabbitmqctl.run("stop_app");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !brokerAnswers());
        } finally {
            Rabbitmqctl.run("start_app");
        }
        await().atMost(Duration.ofSeconds(30)).until(BrokerFaultsIT::brokerAnswers);

        await().atMost(Duration.ofSeconds(90)).until(() -> receiver.received().size() >= count);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> receiver.received().size() == count);
        Receivers.sawEachExactlyOnce(receiver, ids);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ids.stream()
                        .allMatch(id -> JsonPath.read(cluster.get(id).body(), "$.status")
                                .equals("DELIVERED")));
    }

    private static boolean brokerAnswers() {
        try (var socket = new Socket(TestInfrastructure.rabbitHost(), TestInfrastructure.rabbitPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The broker's own control tool, for the test that stops and starts the local broker. */
    static final class Rabbitmqctl {

        static boolean available() {
            // The local rabbitmqctl reaches only this machine's broker; with the tests' own broker in a
            // container it would restart a broker the tests do not use.
            if (TestBackends.rabbitInContainer()) {
                return false;
            }
            String host = TestInfrastructure.rabbitHost();
            if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
                return false;
            }
            try {
                return run("status") == 0;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }

        static int run(String command) throws IOException, InterruptedException {
            var process = new ProcessBuilder("rabbitmqctl", command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("rabbitmqctl " + command + " did not finish");
            }
            return process.exitValue();
        }
    }
}
