package dev.timers.bench;

import dev.timers.core.store.TimerRepository;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;

/**
 * Scenario 1, the physical limit: the store writes of a create (one conditional PutItem) and of a fire (the claim
 * and the delivered mark, two conditional UpdateItems), straight at the store with the services' own repository and
 * client settings, as many at once as the services allow (64 store connections for the API, 32 store calls for
 * the consumer). A table of its own, so the services never see these items.
 */
final class StoreLimit {

    private static final int CREATE_CONCURRENCY = 64;
    private static final int FIRE_CONCURRENCY = 32;

    private StoreLimit() {}

    static Map<String, Object> run(Run run) throws Exception {
        String table = run.env.get("BENCH_STORE_TABLE");
        try (DynamoDbClient dynamo = client(run.env.get("BENCH_DYNAMODB_ENDPOINT"))) {
            var repository = new TimerRepository(dynamo, table, Clock.systemUTC(), Duration.ofDays(1));
            var created = new ConcurrentLinkedQueue<Timer>();
            URI url = URI.create("http://127.0.0.1:9/unused");
            Duration window = run.settings.storeWindow();

            // Not counted: the harness's own client (the SDK's JIT and its connections) warms up on these, or
            // the first seconds would measure the client, not the store.
            Duration warmUp = Collections.max(List.of(window.dividedBy(3), Duration.ofSeconds(3)));
            run.progress.say("  warm-up: %d writers for %d s (not counted)", CREATE_CONCURRENCY, warmUp.toSeconds());
            closedLoop(CREATE_CONCURRENCY, warmUp, new Latency(), () -> {
                fire(repository, createDue(repository, url));
                return true;
            });

            run.progress.say("  creates: %d writers for %d s", CREATE_CONCURRENCY, window.toSeconds());
            Latency createLatency = new Latency();
            int creates = closedLoop(CREATE_CONCURRENCY, window, createLatency, () -> {
                created.add(createDue(repository, url));
                return true;
            });
            double createsPerS = creates / (window.toMillis() / 1000.0);

            run.progress.say(
                    "  fires: %d claim + delivered pairs at once for %d s", FIRE_CONCURRENCY, window.toSeconds());
            Latency fireLatency = new Latency();
            int fires = closedLoop(FIRE_CONCURRENCY, window, fireLatency, () -> {
                Timer timer = created.poll();
                if (timer == null) {
                    return false;
                }
                fire(repository, timer);
                return true;
            });
            double firesPerS = fires / (window.toMillis() / 1000.0);

            var out = new LinkedHashMap<String, Object>();
            out.put("create_writes_per_s", Numbers.round1(createsPerS));
            out.put("create_write_latency", createLatency.summary());
            out.put("create_concurrency", CREATE_CONCURRENCY);
            out.put("fires_per_s", Numbers.round1(firesPerS));
            out.put("fire_writes_per_s", Numbers.round1(firesPerS * 2));
            out.put("fire_latency", fireLatency.summary());
            out.put("fire_concurrency", FIRE_CONCURRENCY);
            out.put("fire_ran_out_of_items", fires > 0 && created.isEmpty());
            run.progress.say(
                    "  store: %.0f creates/s (p99 %.1f ms), %.0f fires/s (2 writes each)",
                    createsPerS, createLatency.percentileMs(99), firesPerS);
            return out;
        }
    }

    /** The write of a create: a timer already due, so that a fire can claim it at once. */
    private static Timer createDue(TimerRepository repository, URI url) {
        Instant now = Instant.now();
        Timer timer = Timer.schedule(url, now.minusSeconds(60), now);
        repository.create(timer, true);
        return timer;
    }

    /** The writes of a fire: the claim, then the delivered mark. */
    private static void fire(TimerRepository repository, Timer timer) {
        Instant now = Instant.now();
        Timer claimed = repository
                .claim(timer.id(), timer.fireAt(), "bench", now, now.plusSeconds(60))
                .orElseThrow();
        repository.markDelivered(claimed, new Attempt(now, 204, null, Duration.ofMillis(1)));
    }

    /**
     * Drops the scenario's table. Called at the end of the run, not after the scenario: dynalite deletes a table's
     * items in the background, which would take store time from the scenario that follows.
     */
    static void dropTable(Run run) {
        String table = run.env.get("BENCH_STORE_TABLE");
        // dynalite answers a DeleteTable only once every item is gone: far longer than a service's timeouts.
        try (DynamoDbClient dynamo =
                client(run.env.get("BENCH_DYNAMODB_ENDPOINT"), Duration.ofMinutes(5), Duration.ofMinutes(5))) {
            dynamo.deleteTable(DeleteTableRequest.builder().tableName(table).build());
        } catch (RuntimeException e) {
            run.progress.say("  could not drop %s: %s", table, e);
        }
    }

    interface Op {
        /** Does one operation; false when there is nothing left to do. */
        boolean run() throws Exception;
    }

    private static int closedLoop(int workers, Duration window, Latency latency, Op op) throws InterruptedException {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + window.toNanos();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                threads.execute(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        try {
                            if (!op.run()) {
                                return;
                            }
                            latency.recordMicros((System.nanoTime() - start) / 1_000);
                            done.incrementAndGet();
                        } catch (Exception e) {
                            if (errors.incrementAndGet() > 100) {
                                throw new IllegalStateException("the store keeps failing", e);
                            }
                        }
                    }
                });
            }
        }
        if (errors.get() > 100) {
            throw new IllegalStateException("more than 100 store errors in the store-limit scenario");
        }
        return done.get();
    }

    /** The services' client settings (StoreConfiguration): pooled Apache client, 64 connections, bounded calls. */
    static DynamoDbClient client(String endpoint) {
        return client(endpoint, Duration.ofSeconds(10), Duration.ofSeconds(4));
    }

    /** The services' client with other timeouts: a whole call, each attempt (and a socket read, as the call). */
    private static DynamoDbClient client(String endpoint, Duration callTimeout, Duration attemptTimeout) {
        return DynamoDbClient.builder()
                .overrideConfiguration(c -> c.apiCallTimeout(callTimeout).apiCallAttemptTimeout(attemptTimeout))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(callTimeout)
                        .maxConnections(64))
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .build();
    }
}
