package dev.timers.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.sun.net.httpserver.HttpServer;
import dev.timers.core.testing.TestInfrastructure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The start-up check of DynamoDB's time to live: only ever a warning. dynalite says DISABLED for every table;
 * what it cannot say (ENABLED, or no such operation) comes from a store on loopback that answers
 * DescribeTimeToLive as DynamoDB or an older emulator would.
 */
@ExtendWith(OutputCaptureExtension.class)
class TimeToLiveCheckIT {

    @Test
    void onDynaliteTimeToLiveIsOffSoStartUpWarnsWithTheCommandThatTurnsItOnAndGoesOn(CapturedOutput output) {
        try (var infrastructure = TestInfrastructure.isolated()) {
            var verifier = new TimerTableVerifier(infrastructure.dynamo(), infrastructure.table(), "dynalite");

            assertThatNoException().isThrownBy(verifier::verify);
            assertThat(verifier.checkTimeToLive()).isEqualTo(TimeToLiveCheck.Result.OFF);
            assertThat(output)
                    .contains("WARN")
                    .contains("aws dynamodb update-time-to-live --table-name " + infrastructure.table()
                            + " --time-to-live-specification Enabled=true,AttributeName=expiresAt");
        }
    }

    @Test
    void timeToLiveOnExpiresAtPassesQuietly(CapturedOutput output) throws IOException {
        for (String status : new String[] {"ENABLED", "ENABLING"}) {
            String answer = "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":\"" + status
                    + "\",\"AttributeName\":\"expiresAt\"}}";
            assertThat(checkAgainst(200, answer)).as(status).isEqualTo(TimeToLiveCheck.Result.ON);
        }
        assertThat(output).doesNotContain("update-time-to-live");
    }

    @Test
    void timeToLiveOnAnotherAttributeWarns(CapturedOutput output) throws IOException {
        String answer = "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":\"ENABLED\",\"AttributeName\":\"ttl\"}}";

        assertThat(checkAgainst(200, answer)).isEqualTo(TimeToLiveCheck.Result.OFF);
        assertThat(output).contains("WARN").contains("on for attribute 'ttl'").contains("update-time-to-live");
    }

    @Test
    void aStoreWithoutDescribeTimeToLiveIsToleratedWithAnInfoLine(CapturedOutput output) throws IOException {
        String answer = "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}";

        assertThat(checkAgainst(400, answer)).isEqualTo(TimeToLiveCheck.Result.UNKNOWN);
        assertThat(output).contains("INFO").contains("has no DescribeTimeToLive");
    }

    private static TimeToLiveCheck.Result checkAgainst(int status, String answer) throws IOException {
        HttpServer store = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        store.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        store.start();
        try (var dynamo = DynamoDbClient.builder()
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + store.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            return TimeToLiveCheck.check(dynamo, "timers", "loopback");
        } finally {
            store.stop(0);
        }
    }
}
