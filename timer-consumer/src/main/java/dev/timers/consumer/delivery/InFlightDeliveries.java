package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Where due timers are handled: each on a virtual thread of its own, so a call that waits on a slow target
 * parks a virtual thread and holds no platform thread. How many run at once is bounded by the broker's
 * prefetch ({@code max-in-flight}), and what they hold by the {@link ByteBudget} ({@code max-in-flight-bytes});
 * {@code timers.delivery.in_flight} and {@code timers.delivery.in_flight_bytes} show how many do, and how much.
 *
 * <p>On shutdown it stops after the listener (which takes no more messages by then): handlings still waiting
 * for their bytes have claimed nothing, and go back to the queue at once; handlings in flight get
 * {@code shutdown-grace} to finish; calls still waiting then are cut short, and their claims given back without
 * counting an attempt.
 */
@Component
class InFlightDeliveries implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InFlightDeliveries.class);

    /** Just below the listener containers' phase, so this stops after they do. */
    private static final int PHASE = Integer.MAX_VALUE - 100;

    /** How long the claims of calls cut short may take to be given back. */
    private static final Duration AFTER_CUT = Duration.ofSeconds(5);

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("fire-", 0).factory());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Duration grace;
    private final WebhookClient webhook;
    private final ByteBudget budget;
    private volatile boolean running;

    InFlightDeliveries(ConsumerProperties properties, WebhookClient webhook, ByteBudget budget, MeterRegistry meters) {
        this.grace = properties.delivery().shutdownGrace();
        this.webhook = webhook;
        this.budget = budget;
        Gauge.builder("timers.delivery.in_flight", inFlight, AtomicInteger::get)
                .description("Due timers being handled now: waiting for their time, being claimed or called")
                .register(meters);
    }

    void submit(Runnable handling) {
        inFlight.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    handling.run();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Sends the handlings still waiting for their bytes back to the queue (none has claimed its timer yet, so
     * none should start a call now), lets the others finish for the grace, then ends the calls still waiting on their targets (not the store
     * writes around them: interrupting those would leave claims behind) and waits for their claims to be given
     * back. Only what is still running after that is interrupted.
     */
    @Override
    public void stop() {
        running = false;
        budget.close();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("Shutdown: cutting {} calls short after {}; their timers go back to wait", inFlight(), grace);
                webhook.cutShortAll();
                if (!executor.awaitTermination(AFTER_CUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    executor.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
