package dev.timers.consumer.rescue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.timers.consumer.SweptByTheTest;
import dev.timers.core.delay.DueQueueDepth;
import dev.timers.core.testing.FreezingBrokerProxy;
import dev.timers.core.testing.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The broker answers the handshake and then hangs. A sweep that asks it something must not hang with it: the
 * channel's calls give up after the configured RPC timeout (10 s), not RabbitMQ's 10 minutes.
 */
@SweptByTheTest
@TestPropertySource(properties = "timers.delay.mode=ladder")
class BrokerSilentAfterHandshakeIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final FreezingBrokerProxy broker = FreezingBrokerProxy.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        registry.add("spring.rabbitmq.port", () -> Integer.toString(broker.port()));
    }

    @AfterAll
    static void cleanUp() {
        broker.close();
        infrastructure.close();
    }

    @Autowired
    OverdueRescuer rescuer;

    @Autowired
    DueQueueDepth dueQueue;

    @Test
    void aSweepAgainstABrokerThatHungAfterTheHandshakeGivesUpInsteadOfHanging() {
        assertThat(dueQueue.ready()).as("asked while the broker still answers").hasValue(0);

        broker.freeze();

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            assertThat(dueQueue.ready())
                    .as("not known while the broker is silent")
                    .isEmpty();
            rescuer.sweep();
        });
    }
}
