package dev.timers.core.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timers.core.TimersProperties;
import dev.timers.core.targets.TargetCheck.Approved;
import dev.timers.core.targets.TargetCheck.Refused;
import dev.timers.core.testing.ScriptedDns;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard with the production defaults unless a test says otherwise, on a resolver the test scripts. */
class TargetGuardTest {

    private final ScriptedDns dns =
            new ScriptedDns().answer("public.example", "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");

    private TargetGuard guard() {
        return guard(false, List.of(), List.of());
    }

    private TargetGuard guard(boolean allowPrivate, List<String> allowedHosts, List<Integer> allowedPorts) {
        return new TargetGuard(new TimersProperties.Targets(allowPrivate, allowedHosts, allowedPorts), dns);
    }

    /** One address of every class the guard refuses, each with the class it must be named as. */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0.0.0.0, UNSPECIFIED",
        "0.1.2.3, UNSPECIFIED",
        "::, UNSPECIFIED",
        "127.0.0.1, LOOPBACK",
        "127.9.9.9, LOOPBACK",
        "::1, LOOPBACK",
        "10.0.0.1, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.254, PRIVATE",
        "192.168.1.1, PRIVATE",
        "100.64.0.1, SHARED",
        "100.127.255.254, SHARED",
        "fd00::1, UNIQUE_LOCAL",
        "fc00::1, UNIQUE_LOCAL",
        "169.254.169.254, LINK_LOCAL",
        "169.254.0.1, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "224.0.0.1, MULTICAST",
        "239.255.255.250, MULTICAST",
        "ff02::1, MULTICAST",
        "255.255.255.255, BROADCAST",
        "192.0.2.1, DOCUMENTATION",
        "198.51.100.7, DOCUMENTATION",
        "203.0.113.9, DOCUMENTATION",
        "2001:db8::1, DOCUMENTATION",
        "198.18.0.1, BENCHMARK",
        "198.19.255.1, BENCHMARK",
        "2001:2::1, BENCHMARK",
        "240.0.0.1, RESERVED",
        "192.0.0.8, RESERVED",
        "2001::1, RESERVED",
        "fec0::1, RESERVED",
        "100::1, RESERVED",
        "64:ff9b:1::1, RESERVED",
        "4000::1, RESERVED",
        // IPv6 forms that carry an IPv4 address are judged by that address.
        "::ffff:169.254.169.254, LINK_LOCAL",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:10.0.0.1, PRIVATE",
        "::ffff:a9fe:a9fe, LINK_LOCAL",
        "::127.0.0.1, LOOPBACK",
        "::169.254.169.254, LINK_LOCAL",
        "64:ff9b::169.254.169.254, LINK_LOCAL",
        "64:ff9b::7f00:1, LOOPBACK",
        "2002:a9fe:a9fe::1, LINK_LOCAL",
        "2002:0a00:0001::1, PRIVATE",
    })
    void classifiesEveryNonPublicAddress(String address, AddressClass expected) {
        assertThat(AddressClass.of(Addresses.literal(address).orElseThrow())).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8"})
    void publicAddressesHaveNoClass(String address) {
        assertThat(AddressClass.of(Addresses.literal(address).orElseThrow())).isEmpty();
    }

    /** Every notation the JDK, glibc or a browser read as an address is judged as the address it is. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/",
                "http://2852039166/",
                "http://0xA9FEA9FE/",
                "http://0xa9.0xfe.0xa9.0xfe/",
                "http://0251.0376.0251.0376/",
                "http://025177524776/",
                "http://169.254.43518/",
                "http://169.16689662/",
                "http://[::ffff:169.254.169.254]/",
                "http://[::ffff:a9fe:a9fe]/",
                "http://[64:ff9b::a9fe:a9fe]/",
                "http://[fe80::1%25eth0]/",
                "http://169.254.169.254./",
            })
    void theMetadataAddressIsRefusedInEveryNotation(String url) {
        var check = guard().check(URI.create(url));

        assertThat(check).isInstanceOf(Refused.class);
        assertThat(((Refused) check).rule()).isEqualTo(TargetRule.ADDRESS);
        assertThat(((Refused) check).reason()).contains("link-local");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:9000/",
                "http://127.1/",
                "http://2130706433/",
                "http://0x7f000001/",
                "http://0177.0.0.1/",
                "http://[::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://0.0.0.0/",
                "http://0/",
                "http://10.0.0.1/",
                "http://012.0.0.1/",
                "http://100.64.0.1/",
                "http://[fd00::1]/",
                "http://224.0.0.1/",
                "http://255.255.255.255/",
                "http://192.0.2.1/",
                "http://198.18.0.1/",
            })
    void nonPublicLiteralsAreRefused(String url) {
        var check = guard().check(URI.create(url));

        assertThat(check).isInstanceOf(Refused.class);
        assertThat(((Refused) check).rule()).isEqualTo(TargetRule.ADDRESS);
    }

    /** The same classes behind a name: every address the name resolves to is judged. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "169.254.169.254",
                "127.0.0.1",
                "::1",
                "::ffff:169.254.169.254",
                "0.0.0.0",
                "10.0.0.1",
                "100.64.0.1",
                "fd00::1",
                "fe80::1",
                "224.0.0.1",
                "192.0.2.1"
            })
    void aNameThatResolvesToANonPublicAddressIsRefused(String address) {
        dns.answer("sneaky.example", address);

        var check = guard().check(URI.create("https://sneaky.example/hook"));

        assertThat(check).isInstanceOf(Refused.class);
        assertThat(((Refused) check).rule()).isEqualTo(TargetRule.ADDRESS);
        assertThat(((Refused) check).reason()).startsWith("sneaky.example resolves to ");
    }

    @Test
    void aLiteralInAnotherNotationIsNamedWithTheAddressItIs() {
        assertThat(guard().check(URI.create("http://0xA9FEA9FE/")))
                .isEqualTo(new Refused(
                        TargetRule.ADDRESS,
                        "0xA9FEA9FE (169.254.169.254) is a link-local address; only publicly routable addresses can be"
                                + " called"));
        assertThat(guard().check(URI.create("http://127.0.0.1/")))
                .isEqualTo(new Refused(
                        TargetRule.ADDRESS,
                        "127.0.0.1 is a loopback address; only publicly routable addresses can be called"));
    }

    @Test
    void oneNonPublicAddressAmongPublicOnesIsEnoughToRefuse() {
        dns.answer("mixed.example", "93.184.215.14", "127.0.0.1");

        assertThat(guard().check(URI.create("http://mixed.example/"))).isInstanceOf(Refused.class);
    }

    @Test
    void aPublicNameIsApprovedWithExactlyTheAddressesItResolvedTo() throws Exception {
        var check = guard().check(URI.create("https://public.example/hook"));

        assertThat(check).isInstanceOf(Approved.class);
        assertThat(((Approved) check).addresses())
                .containsExactly(
                        InetAddress.getByName("93.184.215.14"),
                        InetAddress.getByName("2606:2800:21f:cb07:6820:80da:af6b:8b2c"));
        assertThat(dns.lookups("public.example")).isEqualTo(1);
    }

    @Test
    void aNameThatDoesNotResolveIsRefused() {
        var check = guard().check(URI.create("http://nowhere.example/"));

        assertThat(check).isEqualTo(new Refused(TargetRule.UNRESOLVABLE, "nowhere.example does not resolve"));
    }

    @ParameterizedTest
    @CsvSource({
        "file:///etc/passwd, SCHEME",
        "gopher://public.example:70/_x, SCHEME",
        "ftp://public.example/x, SCHEME",
        "http://user:secret@public.example/, USERINFO",
        "http://user@public.example/, USERINFO",
    })
    void schemesAndCredentialsAreRefusedBeforeAnyLookup(String url, TargetRule rule) {
        var check = guard().check(URI.create(url));

        assertThat(check).isInstanceOf(Refused.class);
        assertThat(((Refused) check).rule()).isEqualTo(rule);
        assertThat(dns.lookups("public.example")).isZero();
    }

    @Test
    void onlyAllowedPortsPassWhenPortsAreListed() {
        var guard = guard(false, List.of(), List.of(443, 8443));

        assertThat(guard.check(URI.create("https://public.example/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("https://public.example:8443/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("http://public.example/")))
                .isEqualTo(new Refused(TargetRule.PORT, "port 80 is not one targets may use"));
        assertThat(guard().check(URI.create("http://public.example:6379/"))).isInstanceOf(Approved.class);
    }

    @Test
    void allowPrivateOpensLoopbackPrivateSharedAndUniqueLocalButNotLinkLocal() {
        var guard = guard(true, List.of(), List.of());

        for (String url : List.of(
                "http://127.0.0.1:9000/",
                "http://10.0.0.1/",
                "http://192.168.1.10/",
                "http://100.64.0.1/",
                "http://[fd00::1]/",
                "http://[::1]/")) {
            assertThat(guard.check(URI.create(url))).as(url).isInstanceOf(Approved.class);
        }
        for (String url : List.of(
                "http://169.254.169.254/",
                "http://2852039166/",
                "http://[fe80::1]/",
                "http://[::ffff:169.254.169.254]/",
                "http://224.0.0.1/",
                "http://0.0.0.0/")) {
            assertThat(guard.check(URI.create(url))).as(url).isInstanceOf(Refused.class);
        }
    }

    @Test
    void allowedHostsLetThroughANameAHostAndPortOrABlock() {
        dns.answer("hooks.internal", "10.1.2.3").answer("metadata.internal", "169.254.169.254");
        var guard = guard(
                false,
                List.of("hooks.internal:8443", "metadata.internal", "192.168.7.0/24", "[fd00::5]:8080"),
                List.of());

        assertThat(guard.check(URI.create("https://hooks.internal:8443/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("https://hooks.internal/"))).isInstanceOf(Refused.class);
        // Only an explicit entry opens link-local.
        assertThat(guard.check(URI.create("http://metadata.internal/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("http://192.168.7.20/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("http://192.168.8.20/"))).isInstanceOf(Refused.class);
        assertThat(guard.check(URI.create("http://[fd00::5]:8080/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("http://[fd00::5]:8081/"))).isInstanceOf(Refused.class);
        assertThat(guard.check(URI.create("http://169.254.169.254/"))).isInstanceOf(Refused.class);
    }

    @Test
    void aMalformedAllowedHostsEntryStopsStartUp() {
        assertThatThrownBy(() -> new TimersProperties.Targets(false, List.of("bad host/x"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad host/x");
    }
}
