package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.api.auth.ApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rate limit is kept by each API instance in its own memory: two instances on one store each allow a
 * key its whole burst, so behind a load balancer a key's limit is the instances' count times the rate.
 */
class RateLimitPerInstanceIT {

    private static final String KEY = "per-instance-key";
    private static final int BURST = 3;
    private static final Map<String, String> LIMITED = Map.of(
            "timers.api.auth", "api-key",
            "timers.api.keys[0].name", "k",
            "timers.api.keys[0].owner", "o",
            "timers.api.keys[0].sha256", ApiKeys.sha256Hex(KEY),
            "timers.api.rate-limit.enabled", "true",
            "timers.api.rate-limit.rate", "1",
            "timers.api.rate-limit.period", "1h",
            "timers.api.rate-limit.burst", Integer.toString(BURST));

    private static final HttpClient http = HttpClient.newHttpClient();
    private static TimersCluster first;
    private static TimersCluster second;

    @BeforeAll
    static void startTwoApis() {
        first = TimersCluster.isolated().startApi(LIMITED);
        second = first.sharingInfrastructure().startApi(LIMITED);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void eachInstanceAllowsTheKeyItsOwnBurst() throws Exception {
        for (int i = 0; i < BURST; i++) {
            assertThat(create(first).statusCode()).isEqualTo(201);
        }
        var limited = create(first);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).isPresent();

        for (int i = 0; i < BURST; i++) {
            assertThat(create(second).statusCode()).isEqualTo(201);
        }
        assertThat(create(second).statusCode()).isEqualTo(429);
    }

    private static HttpResponse<String> create(TimersCluster cluster) throws Exception {
        URI uri = cluster.apiUri("/timers");
        return http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"hours\":1,\"url\":\"http://127.0.0.1:9/hook\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
