package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.store.TimerTable;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.timer.TimerStatus;
import java.util.Map;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Ownership through the real store: a timer created with key A is invisible to key B of another owner. */
@SpringBootTest
@AutoConfigureMockMvc
class OwnershipIT {

    private static final TestApiKeys.Key KEY_A = new TestApiKeys.Key("ownership-it-key-a", "a", "owner-a");
    private static final TestApiKeys.Key KEY_B = new TestApiKeys.Key("ownership-it-key-b", "b", "owner-b");

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
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
    void aTimerOfKeyAIsNotFoundForKeyBOnReadAndCancel() throws Exception {
        String body = mvc.perform(post("/timers")
                        .header(HttpHeaders.AUTHORIZATION, KEY_A.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"minutes\":5,\"url\":\"http://127.0.0.1:9000/hook\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        UUID id = UUID.fromString(JsonPath.read(body, "$.id"));

        mvc.perform(get("/timers/{id}", id).header(HttpHeaders.AUTHORIZATION, KEY_B.bearer()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:timers:problem:timer-not-found"))
                .andExpect(jsonPath("$.detail").value("No timer with id " + id));
        mvc.perform(delete("/timers/{id}", id).header(HttpHeaders.AUTHORIZATION, KEY_B.bearer()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:timers:problem:timer-not-found"));

        // Answered exactly like an id that does not exist at all.
        UUID unknown = UUID.randomUUID();
        mvc.perform(get("/timers/{id}", unknown).header(HttpHeaders.AUTHORIZATION, KEY_B.bearer()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No timer with id " + unknown));

        assertThat(repository.find(id).orElseThrow().status()).isEqualTo(TimerStatus.SCHEDULED);
        Map<String, AttributeValue> item = infrastructure
                .dynamo()
                .getItem(b -> b.tableName(infrastructure.table())
                        .key(Map.of(TimerTable.ID, AttributeValue.fromS(id.toString()))))
                .item();
        assertThat(item.get(TimerTable.OWNED_BY).s()).isEqualTo("owner-a");

        mvc.perform(get("/timers/{id}", id).header(HttpHeaders.AUTHORIZATION, KEY_A.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SCHEDULED"));
        mvc.perform(delete("/timers/{id}", id).header(HttpHeaders.AUTHORIZATION, KEY_A.bearer()))
                .andExpect(status().isNoContent());
        assertThat(repository.find(id).orElseThrow().status()).isEqualTo(TimerStatus.CANCELLED);
    }
}
