package dev.timers.api;

import dev.timers.core.delay.WakeUps;
import dev.timers.core.store.DueTimers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Publishes wake-ups on a few threads of its own, so that a request answers as soon as its timer is written,
 * whatever the broker does: down, slow, or accepting connections and never answering (then a publish waits for
 * the connection timeout, the handshake or the confirm timeout, seconds each, which no client should wait for).
 *
 * <p>The item is already marked as enqueued when a wake-up is handed over. A publish the broker does not confirm
 * takes the mark back ({@link WakeUps}); so does a wake-up that finds the queue full, or is still queued when
 * the shutdown grace ends: the feeder's next sweep publishes it, and the rescuer fires it if even that fails.
 * Wake-ups not published here are counted as {@code timers.publish.skipped{reason=queue_full|shutdown}}.
 */
@Component
class WakeUpHandOff implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WakeUpHandOff.class);

    private final WakeUps wakeUps;
    private final DueTimers dueTimers;
    private final Duration shutdownGrace;
    private final MeterRegistry meters;
    private final ThreadPoolExecutor executor;

    WakeUpHandOff(WakeUps wakeUps, DueTimers dueTimers, ApiProperties properties, MeterRegistry meters) {
        this.wakeUps = wakeUps;
        this.dueTimers = dueTimers;
        this.shutdownGrace = properties.publish().shutdownGrace();
        this.meters = meters;
        int threads = properties.publish().threads();
        // Daemon threads: a publish stuck on a silent broker must not keep the process from ending.
        this.executor = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.publish().queueCapacity()),
                Thread.ofPlatform().name("wake-ups-", 0).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        meters.gauge("timers.publish.queued", executor.getQueue(), Collection::size);
    }

    /** Whether a timer due at {@code fireAt} goes into the broker now (see {@link WakeUps#withinHorizon}). */
    boolean withinHorizon(Instant fireAt) {
        return wakeUps.withinHorizon(fireAt);
    }

    /**
     * Publishes, later and on another thread, the wake-up of {@code owner}'s timer already marked as enqueued
     * for {@code fireAt}. Never blocks: with the queue full the mark is taken back at once and the feeder
     * publishes it.
     */
    void publish(UUID id, String owner, Instant fireAt) {
        try {
            executor.execute(new WakeUp(id, owner, fireAt));
        } catch (RejectedExecutionException e) {
            skip(id, fireAt, executor.isShutdown() ? "shutdown" : "queue_full");
        }
    }

    private void skip(UUID id, Instant fireAt, String reason) {
        meters.counter("timers.publish.skipped", "reason", reason).increment();
        log.warn("Timer {}: wake-up not published by the API ({}); left to the feeder", id, reason);
        giveBack(id, fireAt);
    }

    private void giveBack(UUID id, Instant fireAt) {
        try {
            dueTimers.unmarkEnqueued(id, fireAt);
        } catch (RuntimeException e) {
            log.warn("Timer {}: could not take back its enqueued mark; the rescuer will fire it", id, e);
        }
    }

    /** Lets queued and running publishes finish within the grace, and gives the rest back to the feeder. */
    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        if (executor.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
        }
        for (Runnable left : executor.shutdownNow()) {
            WakeUp wakeUp = (WakeUp) left;
            skip(wakeUp.id, wakeUp.fireAt, "shutdown");
        }
    }

    private final class WakeUp implements Runnable {

        private final UUID id;
        private final String owner;
        private final Instant fireAt;

        private WakeUp(UUID id, String owner, Instant fireAt) {
            this.id = id;
            this.owner = owner;
            this.fireAt = fireAt;
        }

        @Override
        public void run() {
            try (var ignored = MDC.putCloseable("timerId", id.toString())) {
                wakeUps.publish(id, owner, fireAt);
            } catch (RuntimeException e) {
                // The publisher reports outcomes rather than throwing; whatever got through is the feeder's now.
                log.warn("Timer {}: publishing its wake-up failed", id, e);
                giveBack(id, fireAt);
            }
        }
    }
}
