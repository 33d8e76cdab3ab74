package dev.timers.management;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Puts {@link LocalNetworkOnlyFilter} in front of the actuator on the consumer's own management port (the
 * child context). Outside the application's component scan, as management context configuration must be;
 * listed in {@code META-INF/spring/...ManagementContextConfiguration.imports}. A service with Spring Security
 * (the API) guards its management port with its own filter chain instead.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnMissingBean(type = "org.springframework.security.web.SecurityFilterChain")
public class ManagementAccessConfiguration {

    @Bean
    FilterRegistrationBean<LocalNetworkOnlyFilter> localNetworkOnlyFilter(
            @Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        var registration = new FilterRegistrationBean<>(new LocalNetworkOnlyFilter(basePath));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
