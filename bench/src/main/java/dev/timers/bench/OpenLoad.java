package dev.timers.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-model load: requests start at a constant rate whatever the service's answers do, and each latency is
 * counted from when the request was due to start (not when a busy client got round to it), so a stalled service
 * shows up in the percentiles instead of slowing the load. In flight is capped so an overloaded run stays bounded.
 */
final class OpenLoad {

    interface Call {
        void run() throws Exception;
    }

    /** What one step came to: offered and achieved rate, latency, errors. */
    record Step(int offeredPerS, double achievedPerS, Latency latency, int errors) {
        Map<String, Object> json() {
            var out = new LinkedHashMap<String, Object>();
            out.put("offered_per_s", offeredPerS);
            out.put("achieved_per_s", Numbers.round1(achievedPerS));
            out.put("errors", errors);
            out.putAll(latency.summary());
            return out;
        }
    }

    private static final int MAX_IN_FLIGHT = 2_000;

    static Step run(int perSecond, Duration length, Call call) throws InterruptedException {
        int total = (int) (perSecond * length.toMillis() / 1000);
        Latency latency = new Latency();
        AtomicInteger errors = new AtomicInteger();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / perSecond;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquire();
                threads.execute(() -> {
                    try {
                        call.run();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    } finally {
                        latency.recordMicros((System.nanoTime() - due) / 1_000);
                        inFlight.release();
                    }
                });
            }
            threads.shutdown();
            threads.awaitTermination(60, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Step(perSecond, total / seconds, latency, errors.get());
    }
}
