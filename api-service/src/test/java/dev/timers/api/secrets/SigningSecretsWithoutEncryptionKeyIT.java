package dev.timers.api.secrets;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.timers.api.TestApiKeys;
import dev.timers.core.testing.TestInfrastructure;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** A deployment without an encryption key makes no secrets, and says which setting is missing. */
@SpringBootTest
@AutoConfigureMockMvc
class SigningSecretsWithoutEncryptionKeyIT {

    private static final TestApiKeys.Key KEY = new TestApiKeys.Key("secrets-no-key-it", "k", "no-key-owner");
    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.register(registry);
        registry.add("timers.secrets.encryption-key", () -> "");
        TestApiKeys.register(registry, KEY);
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aNewSecretIsUnavailableNamingTheSetting() throws Exception {
        mvc.perform(post("/signing-secrets").header(HttpHeaders.AUTHORIZATION, KEY.bearer()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:signing-secrets-unavailable"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("TIMERS_SECRETS_ENCRYPTION_KEY")));
        mvc.perform(get("/signing-secrets").header(HttpHeaders.AUTHORIZATION, KEY.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty());
    }
}
