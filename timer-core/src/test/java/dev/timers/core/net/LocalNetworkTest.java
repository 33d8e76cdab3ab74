package dev.timers.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which callers of a management port count as the local network. */
class LocalNetworkTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.18.0.4", "192.168.1.20", "169.254.1.1", "::1", "fd00::7"})
    void thisMachineAndPrivateNetworksAreLocal(String address) {
        assertThat(LocalNetwork.isLocal(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "8.8.8.8", "172.32.0.1", "2001:db8::1", "example.com", ""})
    void everythingElseIsNot(String address) {
        assertThat(LocalNetwork.isLocal(address)).isFalse();
    }
}
