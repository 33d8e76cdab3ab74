package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.ScriptedTarget;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerOptions;
import dev.timers.core.timer.TimerStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Timers with large bodies due together at a slow target, on the real broker and store, with a byte budget of
 * 4 MB: no more of them are in flight at once than fit in the budget (the target counts the calls it holds,
 * the gauge the bytes reserved), the rest wait unclaimed, and every one is called exactly once and delivered.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "timers.consumer.delivery.max-in-flight-bytes=" + ByteBudgetIT.BUDGET,
            "timers.webhooks.signing-secrets="
        })
class ByteBudgetIT {

    static final String BUDGET = "4MB";
    private static final long BUDGET_BYTES = 4L * 1024 * 1024;
    private static final int TIMERS = 48;
    private static final int BODY_CHARS = 100 * 1024;
    private static final Duration CALL = Duration.ofSeconds(3);

    private static final AtomicInteger calling = new AtomicInteger();
    private static final AtomicInteger mostAtOnce = new AtomicInteger();

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final ScriptedTarget slowTarget = ScriptedTarget.start("127.0.0.9", out -> {
        mostAtOnce.accumulateAndGet(calling.incrementAndGet(), Math::max);
        try {
            ScriptedTarget.after(CALL, 200).respond(out);
        } finally {
            calling.decrementAndGet();
        }
    });

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
    }

    @AfterAll
    static void cleanUp() {
        slowTarget.close();
        infrastructure.close();
    }

    @Autowired
    TimerRepository repository;

    @Autowired
    DelayedPublisher publisher;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DeliveryFootprint footprint;

    @Test
    void largeTimersAtASlowTargetAreInFlightOnlyAsManyAsFitInTheBudgetAndEachIsDeliveredOnce() {
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < TIMERS; i++) {
            timers.add(dueNowWithALargeBody());
        }
        long each = footprint.of(timers.getFirst());
        var peakBytes = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> peakBytes.accumulateAndGet((long) inFlightBytes(), Math::max), 0, 5, TimeUnit.MILLISECONDS);
        try {
            timers.forEach(timer -> publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt(), timer.owner())));

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> timers.stream()
                            .allMatch(t -> repository.find(t.id()).orElseThrow().status() == TimerStatus.DELIVERED));
        } finally {
            sampler.shutdownNow();
        }

        // The budget held (bytes reserved, and calls the target saw at once), and it let several in at once.
        assertThat(peakBytes.get()).isPositive().isLessThanOrEqualTo(BUDGET_BYTES);
        assertThat(mostAtOnce.get()).isBetween(2, (int) (BUDGET_BYTES / each));
        for (Timer timer : timers) {
            assertThat(slowTarget.receivedFor(timer.id())).hasSize(1);
            assertThat(slowTarget.receivedFor(timer.id()).getFirst().body()).hasSize(BODY_CHARS);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlightBytes() == 0);
    }

    private double inFlightBytes() {
        var gauge = meters.find("timers.delivery.in_flight_bytes").gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private Timer dueNowWithALargeBody() {
        Instant now = Instant.now();
        String body = "x".repeat(BODY_CHARS);
        var request = new TargetRequest("POST", Map.of(), body, "text/plain");
        Timer timer = Timer.schedule(
                UUID.randomUUID(), slowTarget.url(), request, TimerOptions.DEFAULT, now, now, Timer.ANONYMOUS_OWNER);
        repository.create(timer, true);
        return timer;
    }
}
