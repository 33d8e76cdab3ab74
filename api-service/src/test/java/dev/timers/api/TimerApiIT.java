package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Creating and reading timers through the API, on the real store and broker. */
@SpringBootTest
@AutoConfigureMockMvc
class TimerApiIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        registry.add("timers.horizon", () -> "15m");
        AnonymousCallers.register(registry);
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    TimerRepository repository;

    @Test
    void createsATimerStoresItAndPublishesItsWakeUp() throws Exception {
        long messagesBefore = infrastructure.messagesInBroker();
        Instant before = Instant.now();
        String body = mvc.perform(post("/timers")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hours\":0,\"minutes\":1,\"seconds\":5,\"url\":\"http://127.0.0.1:9000/hook\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", matchesPattern("http://localhost/timers/[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.time_left").value(65))
                .andReturn()
                .getResponse()
                .getContentAsString();
        UUID id = UUID.fromString(JsonPath.read(body, "$.id"));

        var stored = repository.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(TimerStatus.SCHEDULED);
        assertThat(stored.url()).hasToString("http://127.0.0.1:9000/hook");
        assertThat(stored.fireAt())
                .isBetween(before.plusSeconds(65), Instant.now().plusSeconds(65));
        // Published off the request thread: the message reaches the broker a moment after the answer, once.
        await().atMost(Duration.ofSeconds(5)).until(() -> infrastructure.messagesInBroker() == messagesBefore + 1);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> infrastructure.messagesInBroker() == messagesBefore + 1);
    }

    /**
     * A timer whose URL, headers, body and metadata carry secrets is created, read, rescheduled and cancelled:
     * the API's log names the timer, never one of them.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theLogShowsNoSecretOfATimersUrlHeadersOrBody(CapturedOutput output) throws Exception {
        String body = mvc.perform(post("/timers")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\":30,\"url\":\"http://127.0.0.1:9000/hook?token=s3cret\","
                                + "\"headers\":{\"Authorization\":\"Bearer s3cret-header\"},"
                                + "\"body\":{\"key\":\"s3cret-body\"},\"metadata\":{\"k\":\"s3cret-meta\"}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = JsonPath.read(body, "$.id");
        mvc.perform(get("/timers/" + id)).andExpect(status().isOk());
        mvc.perform(patch("/timers/" + id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\":60}"))
                .andExpect(status().isOk());
        mvc.perform(delete("/timers/" + id)).andExpect(status().is2xxSuccessful());

        assertThat(output.getAll())
                .contains("Timer " + id + " scheduled for")
                .contains("Timer " + id + " cancelled")
                .doesNotContain("s3cret");
    }

    @Test
    void readsATimerBack() throws Exception {
        String body = mvc.perform(post("/timers")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\":30,\"url\":\"https://example.com/hook?x=1\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = JsonPath.read(body, "$.id");

        mvc.perform(get("/timers/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.status").value("SCHEDULED"))
                .andExpect(jsonPath("$.time_left")
                        .value(org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(28))
                                .and(org.hamcrest.Matchers.lessThanOrEqualTo(30))))
                .andExpect(jsonPath("$.fireAt").isNotEmpty())
                .andExpect(jsonPath("$.url").value("https://example.com/hook?x=1"));
    }

    @Test
    void keepsATimerBeyondTheHorizonOutOfTheBroker() throws Exception {
        // Another test's wake-up may still be on its way: count from a settled broker.
        var lastCount = new AtomicLong(-1);
        await().pollInterval(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5))
                .until(() -> lastCount.getAndSet(infrastructure.messagesInBroker()) == lastCount.get());
        long messagesBefore = infrastructure.messagesInBroker();
        String body = mvc.perform(post("/timers")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hours\":9600,\"url\":\"http://127.0.0.1:9000/hook\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.time_left").value(Duration.ofHours(9600).toSeconds()))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(repository.find(UUID.fromString(JsonPath.read(body, "$.id"))))
                .isPresent();
        // Published, it would reach the broker off the request thread: watch for a while, not at once.
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2))
                .until(() -> infrastructure.messagesInBroker() == messagesBefore);
    }
}
