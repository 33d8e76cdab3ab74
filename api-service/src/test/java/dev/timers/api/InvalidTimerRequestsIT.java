package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.timers.core.testing.TestInfrastructure;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every kind of bad input gets 400 problem+json with a useful detail, and leaves nothing behind: no item in
 * the store, no message in the broker.
 */
@SpringBootTest
@AutoConfigureMockMvc
class InvalidTimerRequestsIT {

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

    /** An IPv4 address, or IPv6 groups: what no refusal's detail may show. */
    static final Pattern NAMES_AN_ADDRESS = Pattern.compile(
            "(?s).*(\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F]*::[0-9a-fA-F]*|[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){2,}).*");

    @Autowired
    MockMvc mvc;

    @AfterEach
    void nothingWasStoredOrPublished() {
        assertThat(infrastructure.itemCount()).isZero();
        assertThat(infrastructure.messagesInBroker()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"seconds\": 5, \"url\": \"http://127.0.0.1:9000/hook\"", // truncated
                "hello",
                "[]",
                "\"a string\"",
                "{\"seconds\": 5, \"url\": \"http://127.0.0.1:9000/hook\"} trailing",
                "{\"seconds\": 5}",
                "{\"seconds\": 5, \"url\": \"\"}",
                "{\"seconds\": -1, \"url\": \"http://127.0.0.1:9000/hook\"}",
                "{\"minutes\": -5, \"seconds\": 600, \"url\": \"http://127.0.0.1:9000/hook\"}",
                "{\"seconds\": 1.5, \"url\": \"http://127.0.0.1:9000/hook\"}",
                "{\"seconds\": 5.0, \"url\": \"http://127.0.0.1:9000/hook\"}",
                "{\"seconds\": \"5\", \"url\": \"http://127.0.0.1:9000/hook\"}",
                "{\"seconds\": true, \"url\": \"http://127.0.0.1:9000/hook\"}",
                "{\"seconds\": 0, \"url\": \"http://127.0.0.1:9000/hook\"}",
                "{\"url\": \"http://127.0.0.1:9000/hook\"}",
                "{\"hours\": 99999999, \"url\": \"http://127.0.0.1:9000/hook\"}",
                "{\"hours\": 9223372036854775807, \"url\": \"http://127.0.0.1:9000/hook\"}",
                "{\"hours\": 99999999999999999999999, \"url\": \"http://127.0.0.1:9000/hook\"}",
                "{\"seconds\": 5, \"url\": \"ftp://127.0.0.1/hook\"}",
                "{\"seconds\": 5, \"url\": \"file:///etc/passwd\"}",
                "{\"seconds\": 5, \"url\": \"/relative/hook\"}",
                "{\"seconds\": 5, \"url\": \"not a url\"}",
                "{\"seconds\": 5, \"url\": \"http://user:secret@127.0.0.1:9000/hook\"}",
                "{\"seconds\": 5, \"url\": \"http:///no-host\"}",
                "{\"seconds\": 5, \"url\": 42}",
                "{\"seconds\": 5, \"url\": \"http://127.0.0.1:99999/hook\"}",
                "{\"seconds\": 5, \"url\": \"http://127.0.0.1:0/hook\"}",
                "{\"seconds\": 5, \"url\": \"http://127.0.0.1:9000/hook\", \"secnds\": 5}",
            })
    void refusesBadInputWithAProblem(String body) throws Exception {
        mvc.perform(post("/timers").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:invalid-request"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    /**
     * With private targets allowed, as on a local stack: cloud metadata and the services' own ports on this
     * machine are still refused, each by its rule, and the detail names the rule, not the address.
     */
    @ParameterizedTest
    @CsvSource({
        "http://169.254.169.254/latest/meta-data/, cloud-metadata",
        "http://[::ffff:169.254.169.254]/, cloud-metadata",
        "http://0xA9FEA9FE/, cloud-metadata",
        "http://[fd00:ec2::254]/, cloud-metadata",
        "http://100.100.100.200/, cloud-metadata",
        "http://168.63.129.16/, cloud-metadata",
        "http://[64:ff9b::a83f:8110]/, cloud-metadata",
        "http://127.0.0.1:5672/, reserved-port",
        "http://127.0.0.1:15672/api/users, reserved-port",
        "http://[::1]:9080/actuator/health, reserved-port",
        "http://0.0.0.0:8080/timers, reserved-port",
        "http://[::ffff:127.0.0.1]:8081/, reserved-port",
    })
    void refusesCloudMetadataAndTheServicesOwnPortsWithPrivateTargetsAllowed(String url, String rule) throws Exception {
        mvc.perform(post("/timers")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\": 5, \"url\": \"" + url + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:invalid-request"))
                .andExpect(jsonPath("$.rule").value(rule))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("url: the target's host is ")))
                .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.matchesPattern(NAMES_AN_ADDRESS))));
    }

    @Test
    void namesTheOffendingField() throws Exception {
        mvc.perform(post("/timers")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\": 1.5, \"url\": \"http://127.0.0.1:9000/hook\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("seconds"))
                .andExpect(jsonPath("$.detail").value("seconds must be a whole number, not a fraction or a string"));
    }

    @Test
    void refusesAnEmptyBody() throws Exception {
        mvc.perform(post("/timers").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refusesABodyThatIsNotDeclaredAsJson() throws Exception {
        mvc.perform(post("/timers").contentType(MediaType.TEXT_PLAIN).content("seconds=5"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void answers404ForAnUnknownTimer() throws Exception {
        mvc.perform(get("/timers/6f1c8f5e-0000-4000-8000-000000000001"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:timer-not-found"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "123", "6f1c8f5e00004000800000000000000001"})
    void answers400ForAMalformedId(String id) throws Exception {
        mvc.perform(get("/timers/" + id))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("id"));
    }
}
