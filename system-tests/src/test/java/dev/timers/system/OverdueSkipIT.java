package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code onOverdue}: while no consumer runs, timers fall due and grow late; when one is back, a timer later than
 * its {@code skipIfLaterThan} is SKIPPED without a call, and the others fire, late.
 */
class OverdueSkipIT {

    private static final TimersCluster cluster = TimersCluster.isolated();

    @AfterAll
    static void stopServices() {
        cluster.close();
    }

    @Test
    void aTimerMadeLaterThanItsLimitByAStoppedConsumerIsSkippedAndOneWithinItsLimitFires() {
        cluster.startApi();
        var consumer = cluster.startConsumer();
        consumer.close();

        String url = cluster.receiver().url().toString();
        UUID strict =
                created("{\"seconds\": 1, \"url\": \"" + url + "\", \"onOverdue\": {\"skipIfLaterThan\": \"PT2S\"}}");
        UUID lenient =
                created("{\"seconds\": 1, \"url\": \"" + url + "\", \"onOverdue\": {\"skipIfLaterThan\": \"PT5M\"}}");
        UUID always = created("{\"seconds\": 1, \"url\": \"" + url + "\", \"onOverdue\": \"FIRE\"}");

        // Due after 1 s, found after at least 5: later than 2 s, well within 5 min.
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        assertThat(cluster.receiver().received()).isEmpty();
        cluster.startConsumer();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> cluster.status(lenient).equals("DELIVERED")
                        && cluster.status(always).equals("DELIVERED")
                        && cluster.status(strict).equals("SKIPPED"));
        assertThat(cluster.receiver().receivedFor(strict)).isEmpty();
        assertThat(cluster.receiver().receivedFor(lenient)).hasSize(1);
        assertThat(cluster.receiver().receivedFor(always)).hasSize(1);
        String view = cluster.get(strict).body();
        assertThat((String) JsonPath.read(view, "$.lastError")).contains("skipped");
        assertThat((Integer) JsonPath.read(view, "$.attempts.length()")).isZero();
    }

    private static UUID created(String json) {
        var response = cluster.create(json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(JsonPath.read(response.body(), "$.id"));
    }
}
