package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A list of the largest timers on the real store: 500 timers, each with the largest body and headers the API
 * takes, fill one page of the largest size that stays under 1 MB, because a list carries summaries; each timer
 * read by id is still whole.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeTimerListIT {

    private static final int TIMERS = 500;
    private static final int BODY_BYTES = 64 * 1024;
    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        AnonymousCallers.register(registry);
        registry.add("timers.api.max-pending-per-owner", () -> "0");
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Autowired
    MockMvc mvc;

    private final List<String> created = new ArrayList<>();

    @BeforeAll
    void createLargeTimers() throws Exception {
        String body = "b".repeat(BODY_BYTES);
        String header = "h".repeat(2000);
        for (int i = 0; i < TIMERS; i++) {
            // Beyond the horizon: only the store is written, which is all a list reads.
            String answer = mvc.perform(post("/timers")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"delay\":\"PT1H\",\"url\":\"http://127.0.0.1:9000/" + i + "?token=t\","
                                    + "\"method\":\"PUT\",\"contentType\":\"text/plain\",\"body\":\"" + body + "\","
                                    + "\"headers\":{\"X-One\":\"" + header + "\",\"X-Two\":\"" + header + "\"},"
                                    + "\"metadata\":{\"order\":\"" + i + "\"}}"))
                    .andExpect(status().isCreated())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            created.add(JsonPath.read(answer, "$.id"));
        }
    }

    @Test
    void aPageOfFiveHundredLargeTimersStaysUnderOneMegabyte() throws Exception {
        byte[] page = mvc.perform(get("/timers?limit=" + TIMERS))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();

        assertThat(page.length).isLessThan(1024 * 1024);
        String json = new String(page, StandardCharsets.UTF_8);
        List<Map<String, Object>> items = JsonPath.read(json, "$.timers");
        assertThat(items).hasSize(TIMERS);
        assertThat(items)
                .allSatisfy(item -> assertThat(item)
                        .containsKeys(
                                "id", "url", "method", "status", "fireAt", "createdAt", "metadata", "attemptCount")
                        .doesNotContainKeys("body", "headers", "attempts"));
        assertThat(items.getFirst()).containsEntry("method", "PUT").containsEntry("attemptCount", 0);
        assertThat(JsonPath.<List<String>>read(json, "$.timers[*].id")).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void aTimerReadByIdIsStillWhole() throws Exception {
        String timer = mvc.perform(get("/timers/" + created.getFirst()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(JsonPath.<String>read(timer, "$.body")).hasSize(BODY_BYTES);
        assertThat(JsonPath.<String>read(timer, "$.headers.X-One")).hasSize(2000);
        assertThat(JsonPath.<List<?>>read(timer, "$.attempts")).isEmpty();
    }
}
