package dev.timers.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What every scenario works with, and what the scenarios learn that later ones use. */
final class Run {

    final Settings settings;
    final Progress progress;
    final Api api;
    final Receiver receiver;
    final Deliveries deliveries;
    final Scrape scrape;
    final Services services;
    final Broker broker;
    final Path out;
    final Map<String, String> env;
    final CpuUse cpu;

    /** Timers per second that batch creates reached so far; a first guess until one has been measured. */
    private double batchCreatesPerS = 400;

    Run(
            Settings settings,
            Progress progress,
            Api api,
            Receiver receiver,
            Scrape scrape,
            Services services,
            Broker broker,
            Path out,
            Map<String, String> env,
            CpuUse cpu) {
        this.settings = settings;
        this.progress = progress;
        this.api = api;
        this.receiver = receiver;
        this.deliveries = new Deliveries(receiver);
        this.scrape = scrape;
        this.services = services;
        this.broker = broker;
        this.out = out;
        this.env = env;
        this.cpu = cpu;
    }

    /**
     * How far ahead the first of {@code count} timers must fall due so that all of them are created before it: the
     * creates at the rate measured so far, with room to spare.
     */
    Duration leadFor(int count) {
        return Duration.ofMillis((long) (count / batchCreatesPerS * 1500) + 8_000);
    }

    /**
     * Creates {@code specs} in batches and registers them as expected at the receiver under {@code scenario}.
     * Warns when the creates ran past the first fire time, which would show up as lateness that is not ours.
     */
    List<Deliveries.Expected> create(String scenario, List<TimerSpec> specs) throws Exception {
        return create(scenario, specs, api);
    }

    /** {@link #create(String, List)} as the owner of {@code as}'s key. */
    List<Deliveries.Expected> create(String scenario, List<TimerSpec> specs, Api as) throws Exception {
        long started = System.nanoTime();
        List<String> ids = as.createAll(specs, 4, progress, scenario);
        double seconds = (System.nanoTime() - started) / 1e9;
        batchCreatesPerS = Math.max(100, specs.size() / seconds);
        Instant first =
                specs.stream().map(TimerSpec::fireAt).min(Instant::compareTo).orElseThrow();
        if (Instant.now().isAfter(first)) {
            progress.say("  warning: %s's creates ended after its first fire time", scenario);
        }
        progress.say("  %s: created %,d in %.1f s (%.0f/s)", scenario, specs.size(), seconds, batchCreatesPerS);
        List<Deliveries.Expected> expected = Deliveries.of(ids, specs);
        deliveries.expect(scenario, expected);
        return expected;
    }

    /**
     * Waits until {@code at} (the first fire time of a scenario's timers) and reads the CPU times then, so that
     * what {@link CpuUse#since} reports next covers the firing alone, not the creates or the wait before it.
     */
    CpuUse.Reading cpuFrom(Instant at) throws InterruptedException {
        Duration wait = Duration.between(Instant.now(), at);
        if (wait.isPositive()) {
            Thread.sleep(wait);
        }
        return cpu.read();
    }

    /** Items the store read (timers.store.items.read), summed over both services and all tags; null if absent. */
    Double storeItemsRead() {
        Double api = scrape.sum(services.management(Services.API), "timers_store_items_read_total");
        Double consumer = scrape.sum(services.management(Services.CONSUMER), "timers_store_items_read_total");
        if (api == null && consumer == null) {
            return null;
        }
        return (api == null ? 0 : api) + (consumer == null ? 0 : consumer);
    }

    /** Timers the consumer finished firing (every outcome), or null when its metrics cannot be read. */
    Double fired() {
        return scrape.sum(services.management(Services.CONSUMER), "timers_fired_total");
    }

    /** Heap in use by {@code service}, in MB. */
    Double heapMb(String service) {
        Double bytes = scrape.sum(services.management(service), "jvm_memory_used_bytes", "area=\"heap\"");
        return bytes == null ? null : Numbers.round1(bytes / 1024 / 1024);
    }

    /** Evenly spread fire times: {@code count} timers from {@code start} over {@code spread}. */
    static List<TimerSpec> spread(int count, Instant start, Duration spread, String url, String extraJson) {
        List<TimerSpec> specs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            specs.add(new TimerSpec(start.plusNanos(spread.toNanos() / count * i), url, extraJson));
        }
        return specs;
    }
}
