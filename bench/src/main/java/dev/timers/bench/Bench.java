package dev.timers.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark run behind {@code ./bench.sh}: ten scenarios against a running native stack, each writing its
 * JSON, then {@code summary.json}, the plots and {@code report.md}. Exits 2 when a timer was lost or delivered
 * twice, 3 when a scenario could not be run (a broken harness or stack), 0 otherwise, whatever the targets say.
 */
public final class Bench {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Bench() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<String> arguments = Arrays.asList(args);
        boolean quick = arguments.contains("--quick");
        Optional<String> some = option(arguments, "--only");
        Set<String> only = some.map(value -> Set.of(value.split(",")))
                .orElse(Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
        Map<String, String> env = System.getenv();
        Path results = Path.of(option(arguments, "--results").orElse("bench/results"));
        // A run of some scenarios only goes to a folder of its own and leaves latest/ to the last whole run.
        String day = LocalDate.now(ZoneOffset.UTC)
                + (quick ? "-quick" : "")
                + some.map(value -> "-only-" + value.replace(',', '-')).orElse("");
        Path out = results.resolve(day);
        Files.createDirectories(out);
        Settings settings = Settings.of(quick);
        Progress progress = new Progress();
        Path state = Path.of(env.getOrDefault("BENCH_STATE", ".timers"));
        var services = new Services(state, env.get("BENCH_API_MANAGEMENT"), env.get("BENCH_CONSUMER_MANAGEMENT"));
        var scenarios = new LinkedHashMap<String, Map<String, Object>>();
        var plots = new ArrayList<String>();
        boolean broken = false;
        Map<String, String> machine = machine(env, quick);

        var broker = new Broker(env.getOrDefault("BENCH_DELAY_PREFIX", "bench"));
        java.util.OptionalLong brokerPid = broker.pid();
        var cpu = new CpuUse()
                .watch("dynalite", () -> CpuUse.pidFile(state.resolve("dynalite.pid")))
                .watch("api", () -> CpuUse.pidFile(state.resolve(Services.API + ".pid")))
                .watch("consumer", () -> CpuUse.pidFile(state.resolve(Services.CONSUMER + ".pid")))
                .watch("broker", () -> brokerPid)
                .watch(
                        "harness",
                        () -> java.util.OptionalLong.of(ProcessHandle.current().pid()));

        try (Receiver receiver = new Receiver()) {
            var run = new Run(
                    settings,
                    progress,
                    new Api(env.get("BENCH_API"), env.get("BENCH_API_KEY")),
                    receiver,
                    new Scrape(),
                    services,
                    broker,
                    out,
                    env,
                    cpu);
            var steps = new Steps(run, scenarios, out, progress, only, cpu);
            Double storeFires = null;
            FirePrecision.Result precision = null;
            PeerComparison.Result peer = null;
            FireThroughput.Result throughput = null;
            OutageCatchUp.Result outage = null;

            var store = steps.run("1", "1_store_limit", () -> StoreLimit.run(run));
            storeFires = store == null ? null : (Double) store.get("fires_per_s");
            steps.run("2", "2_creates", () -> Creates.run(run));
            precision = steps.result("3", "3_fire_precision", () -> FirePrecision.run(run), FirePrecision.Result::json);
            if (precision != null) {
                FirePrecision.Result ours = precision;
                peer = steps.result("4", "4_peer", () -> PeerComparison.run(run, ours), PeerComparison.Result::json);
            }
            Double limit = storeFires;
            throughput = steps.result(
                    "5", "5_fire_throughput", () -> FireThroughput.run(run, limit), FireThroughput.Result::json);
            steps.run("6", "6_bad_receivers", () -> BadReceivers.run(run));
            steps.run("7", "7_pending_scale", () -> PendingScale.run(run));
            Double firePerS = throughput == null ? null : throughput.perS();
            outage = steps.result(
                    "8", "8_outage_catch_up", () -> OutageCatchUp.run(run, firePerS), OutageCatchUp.Result::json);
            steps.run("9", "9_owner_isolation", () -> OwnerIsolation.run(run));
            steps.run("10", "10_distinct_hosts", () -> DistinctHosts.run(run));
            broken = steps.failed();
            if (store != null) {
                StoreLimit.dropTable(run);
            }

            progress.say("settling 10 s, then counting every timer of the run");
            Thread.sleep(10_000);
            Map<String, Map<String, Integer>> tally = run.deliveries.tally();
            Map<String, Object> summary = Summary.of(scenarios, tally, services.peakRssMb());
            if (receiver.callsWithoutId() > 0) {
                progress.say("warning: %d calls reached the receiver without a webhook-id", receiver.callsWithoutId());
            }
            List<Target> targets = Summary.targets(summary);
            var everything = new LinkedHashMap<String, Object>(summary);
            everything.put("per_scenario_lost_doubled", tally);
            everything.put("mode", quick ? "quick" : "default");
            everything.put("harness_ok", !broken);
            write(out.resolve("summary.json"), everything);

            if (precision != null) {
                var cdf = new LinkedHashMap<String, Latency>();
                cdf.put("Timers", precision.steady());
                if (peer != null) {
                    peer.steady().forEach((name, latency) -> cdf.put("db-scheduler " + name.substring(5), latency));
                }
                Plots.cdf(out.resolve("lateness-cdf.png"), cdf);
                plots.add("lateness-cdf.png");
                Plots.histogram(
                        out.resolve("lateness-histogram.png"),
                        "Timers: fire lateness, steady part",
                        precision.steady(),
                        1);
                plots.add("lateness-histogram.png");
            }
            var drains = new LinkedHashMap<String, long[]>();
            var from = new LinkedHashMap<String, Long>();
            if (throughput != null) {
                drains.put("all due at once (from the fire time)", throughput.arrivalsMicros());
                from.put("all due at once (from the fire time)", throughput.fireAtMicros());
            }
            if (outage != null) {
                drains.put("after the outage (from the consumer's start)", outage.arrivalsMicros());
                from.put("after the outage (from the consumer's start)", outage.startedMicros());
            }
            if (!drains.isEmpty()) {
                Plots.drain(out.resolve("drain.png"), "Drain: timers delivered over time", drains, from);
                plots.add("drain.png");
            }
            machine.put("finished (UTC)", ZonedDateTime.now(ZoneOffset.UTC).toString());
            machine.put("load average at the end", loadAverage());
            Report.write(
                    out.resolve("report.md"),
                    "Timers benchmark, " + day,
                    machine,
                    summary,
                    targets,
                    scenarios,
                    Notes.all(settings),
                    plots);
            if (some.isEmpty()) {
                copyToLatest(out, results.resolve("latest"));
            }

            progress.say("summary:");
            summary.forEach((key, value) -> System.out.printf("  %-28s %s%n", key, value));
            progress.say("targets:");
            for (Target target : targets) {
                System.out.printf("  %-8s %s (%s)%n", target.verdict(), target.what(), target.measured());
            }
            progress.say("report: %s", out.resolve("report.md"));
            int lost = (Integer) summary.get("lost");
            int doubled = (Integer) summary.get("doubled");
            if (lost > 0 || doubled > 0) {
                System.err.printf("FAILED: %d timers lost, %d delivered twice (see summary.json)%n", lost, doubled);
                System.exit(2);
            }
            if (broken) {
                System.err.println("FAILED: a scenario could not be run (its JSON holds the error)");
                System.exit(3);
            }
        }
        System.exit(0);
    }

    /** Runs the scenarios asked for, writes each one's JSON, and keeps a failure from stopping the others. */
    static final class Steps {
        interface Body<T> {
            T run() throws Exception;
        }

        private final Run run;
        private final Map<String, Map<String, Object>> scenarios;
        private final Path out;
        private final Progress progress;
        private final Set<String> only;
        private final CpuUse cpu;
        private boolean failed;

        Steps(
                Run run,
                Map<String, Map<String, Object>> scenarios,
                Path out,
                Progress progress,
                Set<String> only,
                CpuUse cpu) {
            this.run = run;
            this.cpu = cpu;
            this.scenarios = scenarios;
            this.out = out;
            this.progress = progress;
            this.only = only;
        }

        Map<String, Object> run(String number, String name, Body<Map<String, Object>> body) throws Exception {
            return result(number, name, body, json -> json);
        }

        <T> T result(String number, String name, Body<T> body, java.util.function.Function<T, Map<String, Object>> json)
                throws Exception {
            if (!only.contains(number)) {
                return null;
            }
            progress.say("scenario %s", name);
            long started = System.nanoTime();
            CpuUse.Reading cpuAtStart = cpu.read();
            T result = null;
            Map<String, Object> data;
            try {
                result = body.run();
                data = new LinkedHashMap<>(json.apply(result));
            } catch (Exception e) {
                failed = true;
                progress.say("  %s failed: %s", name, e);
                e.printStackTrace();
                data = new LinkedHashMap<>();
                data.put("error", e.toString());
            }
            data.put("seconds", Numbers.round1((System.nanoTime() - started) / 1e9));
            data.put("cpu_cores", cpu.since(cpuAtStart));
            data.put("rss_mb_api", run.services.rssMb(Services.API));
            data.put("rss_mb_consumer", run.services.rssMb(Services.CONSUMER));
            scenarios.put(name, data);
            write(out.resolve(name + ".json"), data);
            return result;
        }

        boolean failed() {
            return failed;
        }
    }

    static void write(Path file, Object json) throws Exception {
        Files.writeString(file, JSON.writeValueAsString(json) + "\n");
    }

    private static java.util.Optional<String> option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? java.util.Optional.of(args.get(at + 1)) : java.util.Optional.empty();
    }

    private static Map<String, String> machine(Map<String, String> env, boolean quick) {
        var machine = new LinkedHashMap<String, String>();
        machine.put("mode", quick ? "--quick (small counts: checks the harness, not for quoting)" : "default");
        machine.put("started (UTC)", ZonedDateTime.now(ZoneOffset.UTC).toString());
        machine.put("host", env.getOrDefault("BENCH_MACHINE", "unknown"));
        machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("harness JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("load average at the start", loadAverage());
        return machine;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void copyToLatest(Path from, Path latest) throws Exception {
        Files.createDirectories(latest);
        try (var old = Files.list(latest)) {
            for (Path file : old.collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
        try (var files = Files.list(from)) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.copy(file, latest.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
