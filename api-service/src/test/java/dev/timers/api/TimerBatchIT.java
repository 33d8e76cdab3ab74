package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.testing.TestInfrastructure;
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

/** Batches through the API, on the real store and broker: each item on its own. */
@SpringBootTest
@AutoConfigureMockMvc
class TimerBatchIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
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
    void validItemsAreCreatedAndInvalidOnesAnsweredWithTheirProblems() throws Exception {
        String body = mvc.perform(post("/timers/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"timers": [
                                  {"delay": "PT1M", "url": "http://127.0.0.1:9000/one"},
                                  {"delay": "PT1M"},
                                  {"fireAt": "2030-01-01T09:00:00Z", "url": "http://127.0.0.1:9000/two", "metadata": {"n": "2"}},
                                  {"seconds": 1.5, "url": "http://127.0.0.1:9000/three"},
                                  {"seconds": 5, "url": "http://127.0.0.1:9000/four", "headers": {"Host": "evil"}}
                                ]}
                                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results.length()").value(5))
                .andExpect(
                        jsonPath("$.results[*].status").value(org.hamcrest.Matchers.contains(201, 400, 201, 400, 400)))
                .andExpect(jsonPath("$.results[1].problem.errors[0].field").value("url"))
                .andExpect(jsonPath("$.results[3].problem.errors[0].field").value("seconds"))
                .andExpect(jsonPath("$.results[4].problem.errors[0].field").value("headers.Host"))
                .andExpect(jsonPath("$.results[2].timer.metadata.n").value("2"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        for (int created : new int[] {0, 2}) {
            UUID id = UUID.fromString(JsonPath.read(body, "$.results[" + created + "].timer.id"));
            assertThat(repository.find(id)).isPresent();
        }
        assertThat(infrastructure.itemCount()).isEqualTo(2);
    }

    @Test
    void aBatchOfMoreThanAHundredIsRefusedWhole() throws Exception {
        String item = "{\"delay\":\"PT1M\",\"url\":\"http://127.0.0.1:9000/x\"}";
        String items = String.join(",", java.util.Collections.nCopies(101, item));
        int before = infrastructure.itemCount();

        mvc.perform(post("/timers/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"timers\":[" + items + "]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("timers"));
        assertThat(infrastructure.itemCount()).isEqualTo(before);
    }
}
