package dev.timers.consumer.delivery;

import dev.timers.consumer.ConsumerProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Where due timers are handled: each on a virtual thread of its own, so a call that waits on a slow target
 * parks a virtual thread and holds no platform thread. How many run at once is bounded by the broker's
 * prefetch ({@code max-in-flight}); {@code timers.delivery.in_flight} shows how many do.
 *
 * <p>On shutdown it stops after the listener (which takes no more messages by then): handlings in flight get
 * {@code shutdown-grace} to finish; the rest are interrupted, which cuts their calls short and gives their
 * claims back without counting an attempt.
 */
@Component
class InFlightDeliveries implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InFlightDeliveries.class);

    /** Just below the listener containers' phase, so this stops after they do. */
    private static final int PHASE = Integer.MAX_VALUE - 100;

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("fire-", 0).factory());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Duration grace;
    private volatile boolean running;

    InFlightDeliveries(ConsumerProperties properties, MeterRegistry meters) {
        this.grace = properties.delivery().shutdownGrace();
        Gauge.builder("timers.delivery.in_flight", inFlight, AtomicInteger::get)
                .description("Due timers being handled now: waiting for their time, being claimed or called")
                .register(meters);
    }

    void submit(Runnable handling) {
        inFlight.incrementAndGet();
        executor.execute(() -> {
            try {
                handling.run();
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("Shutdown: cutting {} calls short after {}; their timers go back to wait", inFlight(), grace);
                executor.shutdownNow();
                executor.awaitTermination(10, TimeUnit.SECONDS);
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
