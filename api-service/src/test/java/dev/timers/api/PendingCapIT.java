package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.TimerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The cap on pending timers per owner, through the real store: an owner at the cap is refused with 429
 * problem+json while another owner still creates, and a timer that is cancelled or delivered makes room again.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PendingCapIT {

    private static final TestApiKeys.Key KEY_A = new TestApiKeys.Key("pending-cap-it-key-a", "a", "cap-owner-a");
    private static final TestApiKeys.Key KEY_B = new TestApiKeys.Key("pending-cap-it-key-b", "b", "cap-owner-b");
    private static final int CAP = 3;

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        registry.add("timers.api.max-pending-per-owner", () -> Integer.toString(CAP));
        TestApiKeys.register(registry, KEY_A, KEY_B);
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
    void anOwnerAtTheCapIsRefusedWhileAnotherCreatesAndACancelOrDeliveryMakesRoom() throws Exception {
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < CAP; i++) {
            created.add(idOf(create(KEY_A).andExpect(status().isCreated())));
        }

        create(KEY_A)
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:too-many-pending-timers"))
                .andExpect(jsonPath("$.title").value("Too many pending timers"))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.max_pending_timers").value(CAP))
                .andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER));
        create(KEY_B).andExpect(status().isCreated());

        mvc.perform(delete("/timers/{id}", created.getFirst()).header(HttpHeaders.AUTHORIZATION, KEY_A.bearer()))
                .andExpect(status().isNoContent());
        UUID again = idOf(create(KEY_A).andExpect(status().isCreated()));
        create(KEY_A).andExpect(status().isTooManyRequests());

        deliver(again);
        create(KEY_A).andExpect(status().isCreated());
        create(KEY_A).andExpect(status().isTooManyRequests());
    }

    /** Delivers a timer the way a consumer does: claim it when due, then record the successful call. */
    private void deliver(UUID id) {
        var timer = repository.find(id).orElseThrow();
        var claimed = repository
                .claim(
                        id,
                        timer.fireAt(),
                        "pending-cap-it",
                        timer.fireAt(),
                        timer.fireAt().plusSeconds(60))
                .orElseThrow();
        var delivered = repository.markDelivered(claimed, new Attempt(timer.fireAt(), 200, null, Duration.ZERO));
        assertThat(delivered.orElseThrow().status()).isEqualTo(TimerStatus.DELIVERED);
    }

    private ResultActions create(TestApiKeys.Key key) throws Exception {
        return mvc.perform(post("/timers")
                .header(HttpHeaders.AUTHORIZATION, key.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"minutes\":5,\"url\":\"http://127.0.0.1:9000/hook\"}"));
    }

    private static UUID idOf(ResultActions result) throws Exception {
        return UUID.fromString(JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id"));
    }
}
