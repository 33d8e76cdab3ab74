package dev.timers.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 4, the peer: the same timers through db-scheduler on this machine's PostgreSQL, at the same receiver,
 * with the {@code webhook-id} header set to the execution's id. db-scheduler runs in this JVM with its defaults
 * (10 executor threads, its default polling strategy) apart from the polling interval, over a pool of 10
 * connections. A database of its own is created for the run and dropped afterwards.
 */
final class Peer implements AutoCloseable {

    static final String DATABASE = "timers_bench_peer";

    /** db-scheduler's PostgreSQL table, from its documentation (db-scheduler/src/test/resources/postgresql_tables.sql). */
    private static final String DDL = """
            create table scheduled_tasks (
              task_name text not null,
              task_instance text not null,
              task_data bytea,
              execution_time timestamp with time zone not null,
              picked BOOLEAN not null,
              picked_by text,
              last_success timestamp with time zone,
              last_failure timestamp with time zone,
              consecutive_failures INT,
              last_heartbeat timestamp with time zone,
              version BIGINT not null,
              priority SMALLINT,
              PRIMARY KEY (task_name, task_instance)
            );
            CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
            CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
            CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
            """;

    private final String server;
    private final String user;
    private final HikariDataSource dataSource;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** {@code server} is a JDBC URL without the database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}. */
    Peer(String server, String user) throws Exception {
        this.server = server;
        this.user = user;
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, "");
                Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE);
            sql.execute("CREATE DATABASE " + DATABASE);
        }
        var config = new HikariConfig();
        config.setJdbcUrl(server + DATABASE);
        config.setUsername(user);
        config.setMaximumPoolSize(10);
        dataSource = new HikariDataSource(config);
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute(DDL);
        }
    }

    /**
     * Runs {@code schedule} from {@code start} through db-scheduler polling every {@code polling}, and waits for the
     * receiver to see every execution. Returns the expected timers, for the caller's ledger and lateness.
     */
    List<Deliveries.Expected> run(Run run, String label, Schedule schedule, Duration polling, String url)
            throws Exception {
        OneTimeTask<Void> task = Tasks.oneTime("bench-fire").execute((instance, context) -> {
            call(url, instance.getId());
        });
        Instant start = Instant.now().plusSeconds(8);
        List<Instant> times = schedule.fireTimes(start);
        List<TimerSpec> specs = new ArrayList<>(times.size());
        List<String> ids = new ArrayList<>(times.size());
        List<SchedulableInstance<?>> instances = new ArrayList<>(times.size());
        for (Instant at : times) {
            TimerSpec spec = TimerSpec.at(at, url);
            String id = UUID.randomUUID().toString();
            specs.add(spec);
            ids.add(id);
            instances.add(SchedulableInstance.of(task.instance(id), spec.fireAt()));
        }
        Scheduler scheduler =
                Scheduler.create(dataSource, task).pollingInterval(polling).build();
        try {
            scheduler.scheduleBatch(instances);
            if (Instant.now().isAfter(start)) {
                run.progress.say("  warning: %s's inserts ended after its first fire time", label);
            }
            List<Deliveries.Expected> expected = Deliveries.of(ids, specs);
            run.deliveries.expect(label, expected);
            scheduler.start();
            run.deliveries.await(
                    label,
                    expected,
                    Duration.between(Instant.now(), start)
                            .plus(schedule.length())
                            .plusSeconds(60),
                    run.progress);
            return expected;
        } finally {
            scheduler.stop();
            try (Connection connection = dataSource.getConnection();
                    Statement sql = connection.createStatement()) {
                sql.execute("TRUNCATE scheduled_tasks");
            }
        }
    }

    private void call(String url, String id) {
        String body = "{\"id\":\"" + id + "\",\"firedAt\":\"" + Instant.now() + "\"}";
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(15))
                            .header("Content-Type", "application/json")
                            .header("webhook-id", id)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("receiver answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Settings of the peer, for the report. */
    static Map<String, Object> describe(Duration polling) {
        var out = new LinkedHashMap<String, Object>();
        out.put("scheduler", "db-scheduler 16.7.1");
        out.put("store", "PostgreSQL on 127.0.0.1 (database " + DATABASE + ", dropped after the run)");
        out.put("polling_ms", polling.toMillis());
        out.put("threads", 10);
        out.put("pool_connections", 10);
        return out;
    }

    @Override
    public void close() throws Exception {
        dataSource.close();
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, "");
                Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }
}
