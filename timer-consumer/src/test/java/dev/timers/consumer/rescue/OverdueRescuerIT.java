package dev.timers.consumer.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.consumer.SweptByTheTest;
import dev.timers.core.delay.DueQueueDepth;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.delay.TopologyNames;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.MutableClock;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.TestTimers;
import dev.timers.core.timer.Timer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The rescuer's sweep, with the consumers behind (wake-ups waiting in the due queue) and caught up. */
@SweptByTheTest
@TestPropertySource(properties = {"timers.consumer.rescuer.grace=5s", "timers.consumer.rescuer.repeat-after=30s"})
class OverdueRescuerIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Autowired
    OverdueRescuer rescuer;

    @Autowired
    TimerRepository repository;

    @Autowired
    MutableClock clock;

    @Autowired
    DueQueueDepth dueQueue;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    TopologyNames names;

    @Test
    void whileWakeUpsWaitInTheDueQueueOnlyTimersWhoseWakeUpNeverGotThereAreWoken() {
        Timer queued = TestTimers.dueIn(Duration.ofSeconds(1), clock.instant());
        Timer neverPublished = TestTimers.dueIn(Duration.ofSeconds(1), clock.instant());
        repository.create(queued, true);
        repository.create(neverPublished, false);
        // The queued timer's wake-up, waiting for a consumer that is behind.
        rabbit.convertAndSend(names.dueExchange(), "due", new DueTimerMessage(queued.id(), queued.fireAt()));
        clock.advance(Duration.ofSeconds(20));
        assertThat(dueQueue.ready()).hasValue(1);

        rescuer.sweep();

        assertThat(rescues(neverPublished))
                .as("woken: its wake-up never got to the broker")
                .isEqualTo(1);
        assertThat(rescues(queued))
                .as("left to the wake-up still in the due queue")
                .isZero();
        assertThat(dueQueue.ready()).hasValue(2);

        // The consumers caught up, and the queued timer is still not fired: its wake-up was lost after all.
        rabbit.execute(channel -> channel.queuePurge(names.dueQueue()));
        clock.advance(Duration.ofSeconds(31));

        rescuer.sweep();

        assertThat(rescues(queued)).as("woken once the due queue is empty").isEqualTo(1);
        assertThat(rescues(neverPublished)).isEqualTo(2);
        assertThat(dueQueue.ready()).hasValue(2);
    }

    private int rescues(Timer timer) {
        return repository.find(timer.id()).orElseThrow().rescues();
    }
}
