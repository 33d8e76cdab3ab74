package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.timers.consumer.targets.TargetHost;
import dev.timers.consumer.targets.TargetHosts;
import dev.timers.core.delay.DelayedPublisher;
import dev.timers.core.delay.DueTimerMessage;
import dev.timers.core.store.TimerRepository;
import dev.timers.core.targets.HostResolver;
import dev.timers.core.targets.TargetCheck;
import dev.timers.core.targets.TargetGuard;
import dev.timers.core.testing.ScriptedDns;
import dev.timers.core.testing.TestInfrastructure;
import dev.timers.core.testing.WebhookReceiver;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The consumer judges every call again, with the production default (no private targets): a name that has
 * moved to an internal address since the timer was created is not called, and the attempt fails for good with
 * the reason. The receivers are real servers on loopback; a scripted DNS decides where names point.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class UnsafeTargetsDeliveryIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final WebhookReceiver internal = WebhookReceiver.start();
    private static final WebhookReceiver redirector = WebhookReceiver.start();
    /** Stands in for one of the services' own ports on this machine, as the reserved-ports setting names it. */
    private static final WebhookReceiver ownService = WebhookReceiver.start();

    private static final ScriptedDns dns = new ScriptedDns();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure.registerWithPublicTargetsOnly(registry);
        registry.add("timers.targets.allowed-hosts", () -> "allowed.example");
        registry.add("timers.targets.reserved-ports", () -> ownService.url().getPort());
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
        internal.close();
        redirector.close();
        ownService.close();
        infrastructure.close();
    }

    @Autowired
    TimerRepository repository;

    @Autowired
    DelayedPublisher publisher;

    @Autowired
    TargetGuard guard;

    @Autowired
    TargetHosts targets;

    @Test
    void aNameThatMovedToLoopbackSinceCreationIsNotCalled() {
        URI url = URI.create("http://rebind.example:" + internal.url().getPort() + "/hook");
        dns.answer("rebind.example", "93.184.215.14");
        assertThat(guard.check(url)).as("approved when created").isInstanceOf(TargetCheck.Approved.class);
        dns.answer("rebind.example", "127.0.0.1");
        int lookupsBefore = dns.lookups("rebind.example");

        Timer timer = fire(url);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.FAILED);
        Timer failed = repository.find(timer.id()).orElseThrow();
        assertThat(failed.lastError())
                .isEqualTo("not called: the target is refused (non-public-address): the target's host resolves to a"
                        + " loopback address; only publicly routable addresses can be called");
        assertThat(failed.attempts()).hasSize(1);
        assertThat(failed.attempts().getFirst().statusCode()).isNull();
        assertThat(internal.receivedFor(timer.id())).isEmpty();
        // Resolved once for the connection, and that answer is the one judged.
        assertThat(dns.lookups("rebind.example")).isEqualTo(lookupsBefore + 1);
        // The host did nothing wrong as far as its health goes: a refusal does not count against its circuit.
        assertThat(targets.states())
                .filteredOn(state -> state.host().equals(TargetHost.of(url)))
                .allSatisfy(state -> assertThat(state.recentFailures()).isZero());
    }

    @Test
    void anAllowedNameIsCalledAtTheAddressTheGuardApproved() {
        // Only the scripted DNS knows this name, so the call can only have gone where the guard's lookup said.
        dns.answer("allowed.example", "127.0.0.1");
        URI url = URI.create("http://allowed.example:" + internal.url().getPort() + "/hook");

        Timer timer = fire(url);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.DELIVERED);
        assertThat(internal.receivedFor(timer.id())).hasSize(1);
    }

    @Test
    void aNameThatMovedToCloudMetadataIsNotCalledWithoutNamingTheAddress() {
        dns.answer("meta.example", "169.254.169.254");

        Timer timer = fire(URI.create("http://meta.example/latest/meta-data/"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.FAILED);
        assertThat(repository.find(timer.id()).orElseThrow().lastError())
                .isEqualTo("not called: the target is refused (cloud-metadata): the target's host resolves to a cloud"
                        + " metadata address; instance metadata is never called, whatever the settings");
    }

    /** Even for an allowed host: a reserved port on this machine is never called. */
    @Test
    void aReservedPortOnThisMachineIsNotCalled() {
        dns.answer("allowed.example", "127.0.0.1");
        URI url = URI.create("http://allowed.example:" + ownService.url().getPort() + "/actuator/health");

        Timer timer = fire(url);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.FAILED);
        assertThat(repository.find(timer.id()).orElseThrow().lastError())
                .startsWith("not called: the target is refused (reserved-port): the target's host resolves to this"
                        + " machine, and port " + ownService.url().getPort() + " is reserved");
        assertThat(ownService.receivedFor(timer.id())).isEmpty();
    }

    @Test
    void aRedirectToAnInternalAddressIsNotFollowed() {
        dns.answer("allowed.example", "127.0.0.1");
        redirector.thenRespond(new MockResponse.Builder()
                .code(302)
                .setHeader("Location", "http://127.0.0.1:" + internal.url().getPort() + "/hook")
                .build());
        URI url = URI.create("http://allowed.example:" + redirector.url().getPort() + "/hook");

        Timer timer = fire(url);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> repository.find(timer.id()).orElseThrow().status() == TimerStatus.FAILED);
        assertThat(repository.find(timer.id()).orElseThrow().lastError())
                .isEqualTo("HTTP 302 (redirects are not followed)");
        assertThat(redirector.receivedFor(timer.id())).hasSize(1);
        assertThat(internal.receivedFor(timer.id())).isEmpty();
    }

    private Timer fire(URI url) {
        Instant now = Instant.now();
        Timer timer = Timer.schedule(url, now, now);
        repository.create(timer, false);
        publisher.publish(new DueTimerMessage(timer.id(), timer.fireAt()));
        return timer;
    }
}
