package dev.timers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.timers.core.targets.HostResolver;
import dev.timers.core.testing.ScriptedDns;
import dev.timers.core.testing.TestInfrastructure;
import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * Targets aimed at the network Timers runs in are refused at creation with 400 problem+json naming the rule,
 * and nothing is stored or published. The production default (no private targets), with a scripted DNS so a
 * name can resolve anywhere.
 */
@SpringBootTest
@AutoConfigureMockMvc
class UnsafeTargetsIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final ScriptedDns dns = new ScriptedDns()
            .answer("hooks.example", "93.184.215.14")
            .answer("partner.internal", "10.20.0.5")
            .hang("slow.example");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.registerWithPublicTargetsOnly(registry);
        registry.add("timers.targets.allowed-hosts", () -> "partner.internal:9000");
        registry.add("timers.targets.resolve-timeout", () -> "500ms");
        // The targets are the subject here, not the keys or the rate.
        AnonymousCallers.register(registry);
    }

    @TestConfiguration
    static class Dns {
        @Bean
        @Primary
        HostResolver scriptedDns() {
            return dns;
        }
    }

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    @Autowired
    MockMvc mvc;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.1.1/",
                "http://127.0.0.1:9000/hook",
                "http://[::1]:9000/hook",
                "http://[::ffff:169.254.1.1]/",
                "http://0.0.0.0:9000/hook",
                "http://10.0.0.1/hook",
                "http://100.64.0.1/hook",
                "http://[fd00::1]/hook",
                "http://2851995905/",
                "http://0xA9FE0101/",
                "http://0251.0376.01.01/",
                "http://127.1:9000/hook",
                "http://[fe80::1]/",
                "http://224.0.0.1/",
                "http://192.0.2.1/",
            })
    void refusesEveryNonPublicAddressLiteral(String url) throws Exception {
        create(url)
                .andExpect(jsonPath("$.rule").value("non-public-address"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("only publicly routable addresses")))
                .andExpect(namesNoAddress());
    }

    /** Every cloud metadata address, however written or wherever a name points, by a rule of its own. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/",
                "http://[::ffff:169.254.169.254]/",
                "http://2852039166/",
                "http://0xA9FEA9FE/",
                "http://0251.0376.0251.0376/",
                "http://[fd00:ec2::254]/latest/meta-data/",
                "http://100.100.100.200/latest/meta-data/",
                "http://[::ffff:100.100.100.200]/",
                "http://168.63.129.16/machine",
                "http://[64:ff9b::168.63.129.16]/",
                "https://metadata.rebind.example/computeMetadata/v1/",
            })
    void refusesCloudMetadataWithoutNamingTheAddress(String url) throws Exception {
        dns.answer("metadata.rebind.example", "169.254.169.254");

        create(url)
                .andExpect(jsonPath("$.rule").value("cloud-metadata"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("a cloud metadata address")))
                .andExpect(namesNoAddress());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:5672/",
                "http://127.0.0.1:15672/api/users",
                "http://[::1]:9080/actuator/health",
                "http://0.0.0.0:8080/timers",
                "http://localhost.rebind.example:8000/",
            })
    void refusesTheServicesOwnPortsOnThisMachineWithoutNamingTheAddress(String url) throws Exception {
        dns.answer("localhost.rebind.example", "127.0.0.1");

        create(url)
                .andExpect(jsonPath("$.rule").value("reserved-port"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("is reserved for Timers' own services")))
                .andExpect(namesNoAddress());
    }

    /**
     * A name whose lookup does not answer within the resolve timeout is refused (400: the target as given
     * cannot be checked) after that timeout, not after the system resolver's own.
     */
    @Test
    void refusesANameThatDoesNotResolveInTime() throws Exception {
        long started = System.nanoTime();

        create("https://slow.example/hook")
                .andExpect(jsonPath("$.rule").value("resolve-timeout"))
                .andExpect(jsonPath("$.detail")
                        .value(Matchers.startsWith("url: slow.example did not resolve within 500 ms, so where it"
                                + " leads could not be checked")));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "169.254.1.1",
                "127.0.0.1",
                "::1",
                "::ffff:169.254.1.1",
                "0.0.0.0",
                "10.0.0.1",
                "100.64.0.1",
                "fd00::1"
            })
    void refusesANameThatResolvesToANonPublicAddress(String address) throws Exception {
        String name = "n" + Integer.toHexString(address.hashCode()) + ".rebind.example";
        dns.answer(name, address);

        create("https://" + name + "/hook")
                .andExpect(jsonPath("$.rule").value("non-public-address"))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("url: the target's host resolves to ")))
                .andExpect(namesNoAddress());
    }

    @ParameterizedTest
    @CsvSource({
        "file:///etc/passwd, scheme",
        "gopher://hooks.example:70/_stats, scheme",
        "ftp://hooks.example/hook, scheme",
        "http://user:secret@hooks.example/hook, userinfo",
        "http://user@hooks.example/hook, userinfo",
    })
    void refusesSchemesAndCredentials(String url, String rule) throws Exception {
        create(url).andExpect(jsonPath("$.rule").value(rule));
    }

    @Test
    void acceptsAPublicTargetAnAllowedPrivateOneAndANameThatDoesNotResolveYet() throws Exception {
        long before = infrastructure.itemCount();

        created("https://hooks.example/hook");
        created("http://partner.internal:9000/hook");
        create("http://partner.internal:9001/hook").andExpect(jsonPath("$.rule").value("non-public-address"));
        // Judged again when it is called; DNS being away now must not refuse a timer.
        created("https://not-yet.example/hook");

        assertThat(infrastructure.itemCount()).isEqualTo(before + 3);
    }

    private static ResultMatcher namesNoAddress() {
        return jsonPath("$.detail")
                .value(Matchers.not(Matchers.matchesPattern(InvalidTimerRequestsIT.NAMES_AN_ADDRESS)));
    }

    private ResultActions create(String url) throws Exception {
        long before = infrastructure.itemCount();
        var result = mvc.perform(post("/timers")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\": 5, \"url\": \"" + url + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:timers:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("url"));
        assertThat(infrastructure.itemCount()).as("nothing stored for " + url).isEqualTo(before);
        return result;
    }

    private void created(String url) throws Exception {
        mvc.perform(post("/timers")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seconds\": 60, \"url\": \"" + url + "\"}"))
                .andExpect(status().isCreated());
    }
}
