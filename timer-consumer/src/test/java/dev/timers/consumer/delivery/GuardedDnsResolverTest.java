package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timers.core.TimersProperties;
import dev.timers.core.targets.TargetGuard;
import dev.timers.core.targets.TargetRule;
import dev.timers.core.testing.ScriptedDns;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP client is told when it resolves a target: a lookup that failed or took too long may pass
 * later, so it is a plain connection error; a refused target is a refusal, never retried.
 */
class GuardedDnsResolverTest {

    private final ScriptedDns dns = new ScriptedDns()
            .answer("public.example", "93.184.215.14")
            .answer("metadata.example", "169.254.169.254")
            .hang("slow.example");
    private final GuardedDnsResolver resolver = new GuardedDnsResolver(new TargetGuard(
            new TimersProperties.Targets(true, List.of(), List.of(), null, Duration.ofMillis(200)), dns));

    @Test
    void anApprovedHostGivesExactlyItsAddresses() throws Exception {
        assertThat(resolver.resolve("public.example", 443))
                .containsExactly(new InetSocketAddress("93.184.215.14", 443));
    }

    @Test
    void aLookupThatTakesTooLongIsAConnectionErrorWorthAnotherTry() {
        assertThatThrownBy(() -> resolver.resolve("slow.example", 443))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(GuardedDnsResolver.TargetRefusedException.class)
                .hasMessage("slow.example did not resolve within 200 ms");
    }

    @Test
    void aRefusedTargetIsARefusal() {
        assertThatThrownBy(() -> resolver.resolve("metadata.example", 80))
                .isInstanceOfSatisfying(
                        GuardedDnsResolver.TargetRefusedException.class,
                        refused -> assertThat(refused.refusal().rule()).isEqualTo(TargetRule.CLOUD_METADATA));
        assertThatThrownBy(() -> resolver.resolve("127.0.0.1", 5672))
                .isInstanceOfSatisfying(
                        GuardedDnsResolver.TargetRefusedException.class,
                        refused -> assertThat(refused.refusal().rule()).isEqualTo(TargetRule.RESERVED_PORT));
    }
}
