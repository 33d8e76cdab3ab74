package dev.timers.api.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.timers.api.TestApiKeys;
import dev.timers.core.testing.TestInfrastructure;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The signing-secret endpoints on the real store, with API keys of two owners. */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class SigningSecretsIT {

    private static final TestApiKeys.Key KEY_A = new TestApiKeys.Key("secrets-it-key-a", "a", "secrets-owner-a");
    private static final TestApiKeys.Key KEY_B = new TestApiKeys.Key("secrets-it-key-b", "b", "secrets-owner-b");
    private static final TestApiKeys.Key KEY_CAP = new TestApiKeys.Key("secrets-it-key-c", "c", "secrets-owner-c");
    private static final String PROBLEM_JSON = "application/problem+json";

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        TestApiKeys.register(registry, KEY_A, KEY_B, KEY_CAP);
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Autowired
    MockMvc mvc;

    /** The id and value of a new secret of {@code key}'s owner. */
    private record Made(String id, String secret) {}

    private Made make(TestApiKeys.Key key) throws Exception {
        String body = mvc.perform(post("/signing-secrets")
                        .header(HttpHeaders.AUTHORIZATION, key.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return new Made(JsonPath.read(body, "$.id"), JsonPath.read(body, "$.secret"));
    }

    private ResultActions list(TestApiKeys.Key key) throws Exception {
        return mvc.perform(get("/signing-secrets").header(HttpHeaders.AUTHORIZATION, key.bearer()));
    }

    @Test
    void aNewSecretIsARandomStandardWebhooksSecretShownOnlyInItsAnswer(CapturedOutput output) throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String body = mvc.perform(post("/signing-secrets")
                        .header(HttpHeaders.AUTHORIZATION, KEY_A.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isCreated())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = JsonPath.read(body, "$.id");
        String secret = JsonPath.read(body, "$.secret");
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length())))
                .hasSize(32);
        assertThat(Instant.parse(JsonPath.read(body, "$.createdAt"))).isAfter(before);
        String value = secret.substring("whsec_".length());

        // Without a body at all, too.
        Made bare = new Made(
                JsonPath.read(
                        mvc.perform(post("/signing-secrets").header(HttpHeaders.AUTHORIZATION, KEY_A.bearer()))
                                .andExpect(status().isCreated())
                                .andReturn()
                                .getResponse()
                                .getContentAsString(),
                        "$.id"),
                null);

        String listed =
                list(KEY_A).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(listed, "$.items[*].id");
        assertThat(ids).contains(id, bare.id());
        assertThat(listed).doesNotContain(value).doesNotContain("whsec_");
        String problem = mvc.perform(delete("/signing-secrets/{id}", UUID.randomUUID())
                        .header(HttpHeaders.AUTHORIZATION, KEY_A.bearer()))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(problem).doesNotContain(value);
        assertThat(output.getAll()).contains(id).doesNotContain(value);
    }

    @Test
    void anotherOwnersSecretIsNotListedAndItsDeleteIsNotFoundLikeAnUnknownOne() throws Exception {
        Made ofA = make(KEY_A);

        String listedForB =
                list(KEY_B).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(listedForB).doesNotContain(ofA.id());
        mvc.perform(delete("/signing-secrets/{id}", ofA.id()).header(HttpHeaders.AUTHORIZATION, KEY_B.bearer()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:signing-secret-not-found"))
                .andExpect(jsonPath("$.detail").value("No signing secret with id " + ofA.id()));
        String unknown = UUID.randomUUID().toString();
        mvc.perform(delete("/signing-secrets/{id}", unknown).header(HttpHeaders.AUTHORIZATION, KEY_B.bearer()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No signing secret with id " + unknown));

        // Still A's, and A can delete it.
        assertThat(list(KEY_A).andReturn().getResponse().getContentAsString()).contains(ofA.id());
        mvc.perform(delete("/signing-secrets/{id}", ofA.id()).header(HttpHeaders.AUTHORIZATION, KEY_A.bearer()))
                .andExpect(status().isNoContent());
        assertThat(list(KEY_A).andReturn().getResponse().getContentAsString()).doesNotContain(ofA.id());
        mvc.perform(delete("/signing-secrets/{id}", ofA.id()).header(HttpHeaders.AUTHORIZATION, KEY_A.bearer()))
                .andExpect(status().isNotFound());
    }

    @Test
    void theEleventhSecretIsAConflictThatNamesTheCap() throws Exception {
        for (int i = 0; i < 10; i++) {
            make(KEY_CAP);
        }

        mvc.perform(post("/signing-secrets").header(HttpHeaders.AUTHORIZATION, KEY_CAP.bearer()))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:too-many-signing-secrets"))
                .andExpect(jsonPath("$.max_signing_secrets").value(10));
        assertThat((List<?>)
                        JsonPath.read(list(KEY_CAP).andReturn().getResponse().getContentAsString(), "$.items"))
                .hasSize(10);
    }

    @Test
    void aBodyWithFieldsAndAMalformedIdAreInvalidRequests() throws Exception {
        mvc.perform(post("/signing-secrets")
                        .header(HttpHeaders.AUTHORIZATION, KEY_B.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"secret\": \"whsec_chosen\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("secret"));
        mvc.perform(post("/signing-secrets")
                        .header(HttpHeaders.AUTHORIZATION, KEY_B.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("[]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:timers:problem:invalid-request"));
        mvc.perform(delete("/signing-secrets/{id}", "12345").header(HttpHeaders.AUTHORIZATION, KEY_B.bearer()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("id"));
        assertThat(list(KEY_B).andReturn().getResponse().getContentAsString()).doesNotContain("whsec_");
    }

    @Test
    void withoutAKeyTheEndpointsAreRefused() throws Exception {
        mvc.perform(post("/signing-secrets")).andExpect(status().isUnauthorized());
        mvc.perform(get("/signing-secrets")).andExpect(status().isUnauthorized());
    }
}
