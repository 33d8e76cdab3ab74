package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.TestTimers;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Rescheduling and replaying through the API, on the real store and broker. */
@SpringBootTest
@AutoConfigureMockMvc
class TimerChangesIT {

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
    void aNewTimeInAnyFormMovesAScheduledTimer() throws Exception {
        UUID id = create("{\"delay\":\"PT1H\",\"url\":\"http://127.0.0.1:9000/a\"}");
        Instant at = Instant.parse("2030-01-01T09:00:00Z");

        mvc.perform(patch("/timers/" + id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"fireAt\":\"2030-01-01T10:00:00+01:00\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fireAt").value(at.toString()))
                .andExpect(jsonPath("$.status").value("SCHEDULED"));
        assertThat(repository.find(id).orElseThrow().fireAt()).isEqualTo(at);

        Instant before = Instant.now();
        mvc.perform(patch("/timers/" + id)
                        .contentType("application/merge-patch+json")
                        .content("{\"minutes\":2}"))
                .andExpect(status().isOk());
        assertThat(repository.find(id).orElseThrow().fireAt())
                .isBetween(before.plusSeconds(119), Instant.now().plusSeconds(121));
    }

    @Test
    void aTimerThatIsNotScheduledCannotBeRescheduled() throws Exception {
        UUID id = create("{\"delay\":\"PT1H\",\"url\":\"http://127.0.0.1:9000/a\"}");
        mvc.perform(delete("/timers/" + id)).andExpect(status().isNoContent());

        mvc.perform(patch("/timers/" + id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"delay\":\"PT5M\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:timers:problem:timer-not-reschedulable"))
                .andExpect(jsonPath("$.status_of_timer").value("CANCELLED"));
    }

    @Test
    void aFailedTimerIsReplayedDueNowWithItsAttemptsKeptAndAFreshRound() throws Exception {
        Timer failed = failedTimer();
        long messagesBefore = infrastructure.messagesInBroker();
        Instant before = Instant.now();

        mvc.perform(post("/timers/" + failed.id() + "/replay"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SCHEDULED"))
                .andExpect(jsonPath("$.attempts.length()").value(1));

        Timer replayed = repository.find(failed.id()).orElseThrow();
        assertThat(replayed.status()).isEqualTo(TimerStatus.SCHEDULED);
        assertThat(replayed.fireAt()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(replayed.attemptsThisRound()).isZero();
        assertThat(replayed.attempts()).hasSize(1);
        // The wake-up is published off the request thread, so it reaches the broker a moment after the answer.
        await().atMost(Duration.ofSeconds(5)).until(() -> infrastructure.messagesInBroker() == messagesBefore + 1);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> infrastructure.messagesInBroker() == messagesBefore + 1);
    }

    @Test
    void aTimerThatHasNotFailedCannotBeReplayed() throws Exception {
        UUID id = create("{\"delay\":\"PT1H\",\"url\":\"http://127.0.0.1:9000/a\"}");

        mvc.perform(post("/timers/" + id + "/replay"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:timers:problem:timer-not-replayable"))
                .andExpect(jsonPath("$.status_of_timer").value("SCHEDULED"));
        assertThat(repository.find(id).orElseThrow().fireAt())
                .isAfter(Instant.now().plusSeconds(3000));
    }

    /** A timer that was due a moment ago, claimed and failed for good, as a consumer leaves it. */
    private Timer failedTimer() {
        Instant now = Instant.now();
        Timer timer = TestTimers.dueIn(Duration.ofSeconds(-1), now);
        repository.create(timer, false);
        Timer claimed = repository
                .claim(timer.id(), timer.fireAt(), "consumer", now, now.plusSeconds(60))
                .orElseThrow();
        return repository
                .markFailed(claimed, TestTimers.attempt(now, 404), "HTTP 404")
                .orElseThrow();
    }

    private UUID create(String body) throws Exception {
        String created = mvc.perform(
                        post("/timers").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return UUID.fromString(JsonPath.read(created, "$.id"));
    }
}
