package dev.timers.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Timers API as one owner's client sees it: single creates (timed) and batches of up to 100, with its key. */
final class Api {

    static final int BATCH = 100;

    private final String base;
    private final String key;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    /** @param key the API key every request carries; null on a stack without API keys */
    Api(String base, String key) {
        this(
                base,
                key,
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .executor(Executors.newVirtualThreadPerTaskExecutor())
                        .build());
    }

    private Api(String base, String key, HttpClient http) {
        this.base = base;
        this.key = key;
        this.http = http;
    }

    /** The same API as another owner's client: requests carry {@code key} instead. */
    Api as(String otherKey) {
        return new Api(base, otherKey, http);
    }

    /** The status {@code GET path} answers. */
    int statusOf(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Creates one timer; returns its id. Throws on anything but 201. */
    String create(TimerSpec spec) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/timers", spec.json());
        if (response.statusCode() != 201) {
            throw new IOException("POST /timers answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body()).get("id").asString();
    }

    /** Creates up to 100 timers in one request; returns their ids in order. Throws if any item was refused. */
    List<String> createBatch(List<TimerSpec> specs) throws IOException, InterruptedException {
        String body = specs.stream().map(TimerSpec::json).collect(Collectors.joining(",", "{\"timers\":[", "]}"));
        HttpResponse<String> response = post("/timers/batch", body);
        if (response.statusCode() != 200) {
            throw new IOException("POST /timers/batch answered " + response.statusCode() + ": " + response.body());
        }
        List<String> ids = new ArrayList<>(specs.size());
        for (JsonNode result : json.readTree(response.body()).get("results")) {
            if (result.get("status").asInt() != 201) {
                throw new IOException("a batch item was refused: " + result);
            }
            ids.add(result.get("timer").get("id").asString());
        }
        return ids;
    }

    /**
     * Creates all of {@code specs} in batches, {@code parallel} requests at a time, and returns the ids in the order
     * of {@code specs}.
     */
    List<String> createAll(List<TimerSpec> specs, int parallel, Progress progress, String label) throws Exception {
        List<List<TimerSpec>> batches = new ArrayList<>();
        for (int i = 0; i < specs.size(); i += BATCH) {
            batches.add(specs.subList(i, Math.min(specs.size(), i + BATCH)));
        }
        List<String> ids = new ArrayList<>(specs.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (List<TimerSpec> batch : batches) {
                futures.add(pool.submit(() -> createBatch(batch)));
            }
            int done = 0;
            for (Future<List<String>> future : futures) {
                ids.addAll(future.get());
                done++;
                if (done % 100 == 0) {
                    progress.say("  %s: created %,d of %,d", label, ids.size(), specs.size());
                }
            }
        }
        return ids;
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return key == null || key.isBlank() ? builder : builder.header("Authorization", "Bearer " + key);
    }
}
