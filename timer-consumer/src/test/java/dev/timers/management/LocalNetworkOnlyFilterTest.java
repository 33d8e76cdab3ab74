package dev.timers.management;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The consumer's management port: everything for the local network, the health status alone for others. */
class LocalNetworkOnlyFilterTest {

    private final LocalNetworkOnlyFilter filter = new LocalNetworkOnlyFilter("/actuator");

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/prometheus", "/actuator/info", "/actuator", "/actuator/healthz", "/"})
    void aRemoteCallerIsRefusedAllButHealth(String path) throws Exception {
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        filter.doFilter(request("203.0.113.7", path), response, chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("urn:timers:problem:forbidden");
        assertThat(chain.getRequest()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"})
    void aRemoteCallerGetsHealthWithoutAPrincipalSoWithoutDetails(String path) throws Exception {
        var chain = new MockFilterChain();

        filter.doFilter(request("203.0.113.7", path), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(((HttpServletRequest) chain.getRequest()).getUserPrincipal()).isNull();
    }

    @Test
    void aCallerOnTheLocalNetworkGetsEverythingAsAKnownPrincipal() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.0.0.8", "::1"}) {
            var chain = new MockFilterChain();
            var response = new MockHttpServletResponse();

            filter.doFilter(request(address, "/actuator/prometheus"), response, chain);

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(((HttpServletRequest) chain.getRequest()).getUserPrincipal())
                    .isNotNull();
        }
    }

    private static MockHttpServletRequest request(String remoteAddress, String path) {
        var request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        request.setRemoteAddr(remoteAddress);
        return request;
    }
}
