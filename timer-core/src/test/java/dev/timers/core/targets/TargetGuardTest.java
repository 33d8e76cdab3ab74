package dev.timers.core.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.timers.core.TimersProperties;
import dev.timers.core.targets.TargetCheck.Approved;
import dev.timers.core.targets.TargetCheck.Refused;
import dev.timers.core.testing.ScriptedDns;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
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
        return new TargetGuard(new TimersProperties.Targets(allowPrivate, allowedHosts, allowedPorts, null, null), dns);
    }

    private TargetGuard guard(boolean allowPrivate) {
        return guard(allowPrivate, List.of(), List.of());
    }

    /** Any IPv4 address, or anything with two colons in a row or between hex groups: what no reason may hold. */
    private static final Pattern ADDRESS_IN_TEXT = Pattern.compile(
            "\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F]*::[0-9a-fA-F]*|[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){2,}");

    /** A refusal by this rule whose reason names no address, whatever the address was. */
    private static void assertRefused(TargetCheck check, TargetRule rule) {
        assertThat(check).isInstanceOf(Refused.class);
        var refused = (Refused) check;
        assertThat(refused.rule()).as(refused.reason()).isEqualTo(rule);
        assertThat(ADDRESS_IN_TEXT.matcher(refused.reason()).find())
                .as("an address in '" + refused.reason() + "'")
                .isFalse();
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
        "169.254.169.254, CLOUD_METADATA",
        "169.254.170.2, CLOUD_METADATA",
        "100.100.100.200, CLOUD_METADATA",
        "168.63.129.16, CLOUD_METADATA",
        "fd00:ec2::254, CLOUD_METADATA",
        "fd20:ce::254, CLOUD_METADATA",
        "169.254.1.1, LINK_LOCAL",
        "169.254.0.1, LINK_LOCAL",
        "100.100.100.201, SHARED",
        "fd00:ec2::255, UNIQUE_LOCAL",
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
        "::ffff:169.254.169.254, CLOUD_METADATA",
        "::ffff:168.63.129.16, CLOUD_METADATA",
        "::ffff:100.100.100.200, CLOUD_METADATA",
        "::ffff:169.254.1.1, LINK_LOCAL",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:10.0.0.1, PRIVATE",
        "::ffff:a9fe:a9fe, CLOUD_METADATA",
        "::ffff:a9fe:101, LINK_LOCAL",
        "::127.0.0.1, LOOPBACK",
        "::169.254.169.254, CLOUD_METADATA",
        "::168.63.129.16, CLOUD_METADATA",
        "64:ff9b::169.254.169.254, CLOUD_METADATA",
        "64:ff9b::a83f:8110, CLOUD_METADATA",
        "64:ff9b::169.254.1.1, LINK_LOCAL",
        "64:ff9b::7f00:1, LOOPBACK",
        "2002:a9fe:a9fe::1, CLOUD_METADATA",
        "2002:a9fe:101::1, LINK_LOCAL",
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

    /**
     * Every cloud metadata address in every notation the JDK, glibc or a browser read as an address, and in
     * every IPv6 form that carries it, is refused by its own rule on both settings of allow-private.
     */
    @ParameterizedTest(name = "{0} with allow-private={1}")
    @CsvSource({
        "http://169.254.169.254/latest/meta-data/, false",
        "http://2852039166/, false",
        "http://0xA9FEA9FE/, false",
        "http://0xa9.0xfe.0xa9.0xfe/, false",
        "http://0251.0376.0251.0376/, false",
        "http://025177524776/, false",
        "http://169.254.43518/, false",
        "http://169.16689662/, false",
        "http://[::ffff:169.254.169.254]/, false",
        "http://[::ffff:a9fe:a9fe]/, false",
        "http://[::169.254.169.254]/, false",
        "http://[64:ff9b::a9fe:a9fe]/, false",
        "http://[2002:a9fe:a9fe::]/, false",
        "http://169.254.169.254./, false",
        "http://169.254.170.2/v2/credentials, false",
        "http://[fd00:ec2::254]/latest/meta-data/, false",
        "http://[fd00:ec2:0:0:0:0:0:254]/, false",
        "http://[fd20:ce::254]/, false",
        "http://100.100.100.200/latest/meta-data/, false",
        "http://1684301000/, false",
        "http://0x646464C8/, false",
        "http://[::ffff:100.100.100.200]/, false",
        "http://[64:ff9b::100.100.100.200]/, false",
        "http://168.63.129.16/machine, false",
        "http://2822734096/, false",
        "http://0xA83F8110/, false",
        "http://0250.077.0201.020/, false",
        "http://[::ffff:168.63.129.16]/, false",
        "http://[::168.63.129.16]/, false",
        "http://[64:ff9b::a83f:8110]/, false",
        "http://169.254.169.254/latest/meta-data/, true",
        "http://2852039166/, true",
        "http://0xA9FEA9FE/, true",
        "http://0251.0376.0251.0376/, true",
        "http://[::ffff:169.254.169.254]/, true",
        "http://[::169.254.169.254]/, true",
        "http://[64:ff9b::a9fe:a9fe]/, true",
        "http://[2002:a9fe:a9fe::]/, true",
        "http://169.254.170.2/v2/credentials, true",
        "http://[fd00:ec2::254]/latest/meta-data/, true",
        "http://[fd20:ce::254]/, true",
        "http://100.100.100.200/latest/meta-data/, true",
        "http://0x646464C8/, true",
        "http://[::ffff:100.100.100.200]/, true",
        "http://[64:ff9b::100.100.100.200]/, true",
        "http://168.63.129.16/machine, true",
        "http://2822734096/, true",
        "http://[::ffff:168.63.129.16]/, true",
        "http://[::168.63.129.16]/, true",
        "http://[64:ff9b::a83f:8110]/, true",
    })
    void cloudMetadataIsRefusedInEveryNotationWhateverAllowPrivateSays(String url, boolean allowPrivate) {
        var check = guard(allowPrivate).check(URI.create(url));

        assertRefused(check, TargetRule.CLOUD_METADATA);
        assertThat(((Refused) check).reason())
                .isEqualTo("the target's host is a cloud metadata address; instance"
                        + " metadata is never called, whatever the settings");
    }

    @ParameterizedTest(name = "{0} with allow-private={1}")
    @CsvSource({
        "169.254.169.254, false",
        "::ffff:169.254.169.254, false",
        "fd00:ec2::254, false",
        "100.100.100.200, false",
        "168.63.129.16, false",
        "::ffff:168.63.129.16, false",
        "64:ff9b::a83f:8110, false",
        "169.254.169.254, true",
        "::ffff:169.254.169.254, true",
        "fd00:ec2::254, true",
        "100.100.100.200, true",
        "168.63.129.16, true",
        "::ffff:168.63.129.16, true",
        "64:ff9b::a83f:8110, true",
    })
    void aNameThatResolvesToCloudMetadataIsRefusedWhateverAllowPrivateSays(String address, boolean allowPrivate) {
        dns.answer("metadata.example", "93.184.215.14", address);

        var check = guard(allowPrivate).check(URI.create("http://metadata.example/latest/meta-data/"));

        assertRefused(check, TargetRule.CLOUD_METADATA);
        assertThat(((Refused) check).reason()).startsWith("the target's host resolves to a cloud metadata address");
    }

    /** Not even an entry that opens the name, the address or its whole block lets metadata through. */
    @Test
    void noAllowedHostsEntryOpensCloudMetadata() {
        dns.answer("metadata.google.internal", "169.254.169.254").answer("wireserver.internal", "168.63.129.16");
        var guard = guard(
                true,
                List.of(
                        "metadata.google.internal",
                        "wireserver.internal:80",
                        "169.254.0.0/16",
                        "168.63.129.16",
                        "100.64.0.0/10",
                        "fd00::/8"),
                List.of());

        for (String url : List.of(
                "http://metadata.google.internal/computeMetadata/v1/",
                "http://wireserver.internal/",
                "http://169.254.169.254/",
                "http://168.63.129.16/",
                "http://100.100.100.200/",
                "http://[fd00:ec2::254]/")) {
            assertRefused(guard.check(URI.create(url)), TargetRule.CLOUD_METADATA);
        }
        assertThat(guard.check(URI.create("http://169.254.10.10/"))).isInstanceOf(Approved.class);
    }

    /**
     * The local stack's own ports on this machine's own addresses, however written, are refused on both
     * settings of allow-private: loopback is open on one and closed on the other, and both times the reserved
     * port is what the refusal names.
     */
    @ParameterizedTest(name = "{0} with allow-private={1}")
    @CsvSource({
        "http://127.0.0.1:8080/timers, false",
        "http://127.0.0.1:8081/, false",
        "http://127.0.0.1:9080/actuator/prometheus, false",
        "http://127.0.0.1:9081/actuator/health, false",
        "http://127.0.0.1:5672/, false",
        "http://127.0.0.1:15672/api/users, false",
        "http://127.0.0.1:8000/, false",
        "http://127.0.0.1:4566/, false",
        "http://127.9.9.9:5672/, false",
        "http://127.1:15672/, false",
        "http://2130706433:8080/, false",
        "http://0x7f000001:9080/, false",
        "http://[::1]:8080/, false",
        "http://[::ffff:127.0.0.1]:5672/, false",
        "http://[::127.0.0.1]:5672/, false",
        "http://0.0.0.0:8080/, false",
        "http://0:9081/, false",
        "http://[::]:15672/, false",
        "http://[::ffff:0.0.0.0]:8000/, false",
        "http://localhost.example:4566/, false",
        "http://127.0.0.1:8080/timers, true",
        "http://127.0.0.1:8081/, true",
        "http://127.0.0.1:9080/actuator/prometheus, true",
        "http://127.0.0.1:9081/actuator/health, true",
        "http://127.0.0.1:5672/, true",
        "http://127.0.0.1:15672/api/users, true",
        "http://127.0.0.1:8000/, true",
        "http://127.0.0.1:4566/, true",
        "http://127.9.9.9:5672/, true",
        "http://127.1:15672/, true",
        "http://2130706433:8080/, true",
        "http://0x7f000001:9080/, true",
        "http://[::1]:8080/, true",
        "http://[::ffff:127.0.0.1]:5672/, true",
        "http://[::127.0.0.1]:5672/, true",
        "http://0.0.0.0:8080/, true",
        "http://0:9081/, true",
        "http://[::]:15672/, true",
        "http://[::ffff:0.0.0.0]:8000/, true",
        "http://localhost.example:4566/, true",
    })
    void theServicesOwnPortsOnThisMachineAreRefusedWhateverAllowPrivateSays(String url, boolean allowPrivate) {
        dns.answer("localhost.example", "127.0.0.1", "::1");

        var check = guard(allowPrivate).check(URI.create(url));

        assertRefused(check, TargetRule.RESERVED_PORT);
        String port = url.replaceAll("^http://.*:(\\d+)/.*$", "$1");
        assertThat(((Refused) check).reason()).contains("this machine, and port " + port + " is reserved");
    }

    @Test
    void reservedPortsAreOnlyReservedOnThisMachine() {
        var guard = guard(true);

        assertThat(guard.check(URI.create("http://127.0.0.1:8082/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("http://10.0.0.1:5672/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("http://public.example:8080/"))).isInstanceOf(Approved.class);
        assertThat(guard().check(URI.create("http://public.example:15672/"))).isInstanceOf(Approved.class);
    }

    @Test
    void noAllowedHostsEntryOpensAReservedPort() {
        dns.answer("localhost", "127.0.0.1");
        var guard = guard(false, List.of("localhost", "127.0.0.1:5672", "127.0.0.0/8", "::1"), List.of());

        assertThat(guard.check(URI.create("http://localhost:9000/"))).isInstanceOf(Approved.class);
        assertRefused(guard.check(URI.create("http://localhost:9081/")), TargetRule.RESERVED_PORT);
        assertRefused(guard.check(URI.create("http://127.0.0.1:5672/")), TargetRule.RESERVED_PORT);
        assertRefused(guard.check(URI.create("http://[::1]:8080/")), TargetRule.RESERVED_PORT);
    }

    /** The setting replaces the local defaults; the service's own ports are reserved beside it, and later ones. */
    @Test
    void theSettingTheServicesOwnPortsAndTheListeningOnesAreReserved() {
        var guard = new TargetGuard(
                new TimersProperties.Targets(true, List.of(), List.of(), List.of(7000), null), dns, Set.of(45678));

        assertRefused(guard.check(URI.create("http://127.0.0.1:7000/")), TargetRule.RESERVED_PORT);
        assertRefused(guard.check(URI.create("http://127.0.0.1:45678/")), TargetRule.RESERVED_PORT);
        assertThat(guard.check(URI.create("http://127.0.0.1:5672/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("http://127.0.0.1:45679/"))).isInstanceOf(Approved.class);

        guard.reserve(45679);

        assertRefused(guard.check(URI.create("http://127.0.0.1:45679/")), TargetRule.RESERVED_PORT);
        assertThat(guard.reservedPorts()).containsExactly(7000, 45678, 45679);
    }

    /** A name whose lookup does not answer is given up on after the timeout, and the lookup is interrupted. */
    @Test
    void aNameThatDoesNotResolveInTimeIsRefusedAndItsLookupStopped() {
        dns.hang("slow.example");
        var guard = new TargetGuard(
                new TimersProperties.Targets(false, List.of(), List.of(), null, Duration.ofMillis(200)), dns);
        long started = System.nanoTime();

        var check = guard.check(URI.create("https://slow.example/hook"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(check)
                .isEqualTo(new Refused(TargetRule.RESOLVE_TIMEOUT, "slow.example did not resolve within 200 ms"));
        assertThat(TargetRule.RESOLVE_TIMEOUT.lookupFailed()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> dns.interruptedLookups() == 1);
        // A name that answers is not held up by the timeout.
        assertThat(guard.check(URI.create("https://public.example/hook"))).isInstanceOf(Approved.class);
    }

    @Test
    void theResolveTimeoutIsThreeSecondsUnlessSetAndMustBePositive() {
        assertThat(new TimersProperties.Targets(false, null, null, null, null).resolveTimeout())
                .isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> new TimersProperties.Targets(false, null, null, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resolve-timeout");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:9000/",
                "http://169.254.1.1/",
                "http://[::ffff:169.254.1.1]/",
                "http://[fe80::1%25eth0]/",
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
        assertRefused(guard().check(URI.create(url)), TargetRule.ADDRESS);
    }

    /** The same classes behind a name: every address the name resolves to is judged. */
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
                "fd00::1",
                "fe80::1",
                "224.0.0.1",
                "192.0.2.1"
            })
    void aNameThatResolvesToANonPublicAddressIsRefused(String address) {
        dns.answer("sneaky.example", address);

        var check = guard().check(URI.create("https://sneaky.example/hook"));

        assertRefused(check, TargetRule.ADDRESS);
        assertThat(((Refused) check).reason()).startsWith("the target's host resolves to ");
    }

    /** A refusal names the kind of address and the rule, never the address: clients are not told the layout. */
    @Test
    void aRefusalNamesTheKindOfAddressNeverTheAddress() {
        dns.answer("db.example", "10.20.30.40");
        assertThat(guard().check(URI.create("http://0xA9FE0101/")))
                .isEqualTo(new Refused(
                        TargetRule.ADDRESS,
                        "the target's host is a link-local address; only publicly routable addresses can be called"));
        assertThat(guard().check(URI.create("http://db.example/")))
                .isEqualTo(new Refused(
                        TargetRule.ADDRESS,
                        "the target's host resolves to a private address; only publicly routable addresses can be"
                                + " called"));
        assertThat(guard(true).check(URI.create("http://[fe80::1]/")))
                .isEqualTo(new Refused(
                        TargetRule.ADDRESS,
                        "the target's host is a link-local address; only publicly routable addresses can be called,"
                                + " and here loopback, private, shared and unique local ones"));
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
        dns.answer("hooks.internal", "10.1.2.3").answer("linklocal.internal", "169.254.10.10");
        var guard = guard(
                false,
                List.of("hooks.internal:8443", "linklocal.internal", "192.168.7.0/24", "[fd00::5]:8080"),
                List.of());

        assertThat(guard.check(URI.create("https://hooks.internal:8443/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("https://hooks.internal/"))).isInstanceOf(Refused.class);
        // Only an explicit entry opens link-local.
        assertThat(guard.check(URI.create("http://linklocal.internal/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("http://192.168.7.20/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("http://192.168.8.20/"))).isInstanceOf(Refused.class);
        assertThat(guard.check(URI.create("http://[fd00::5]:8080/"))).isInstanceOf(Approved.class);
        assertThat(guard.check(URI.create("http://[fd00::5]:8081/"))).isInstanceOf(Refused.class);
        assertThat(guard.check(URI.create("http://169.254.169.254/"))).isInstanceOf(Refused.class);
    }

    @Test
    void aMalformedAllowedHostsEntryStopsStartUp() {
        assertThatThrownBy(() -> new TimersProperties.Targets(false, List.of("bad host/x"), List.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad host/x");
    }
}
