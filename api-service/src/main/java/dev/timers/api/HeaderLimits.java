package dev.timers.api;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caps the number of request headers ({@code timers.api.max-header-count}); their total size is capped by
 * {@code server.max-http-request-header-size}. Tomcat refuses a request over either with 400 before it
 * reaches the application.
 */
@Configuration(proxyBeanMethods = false)
class HeaderLimits {

    @Bean
    TomcatConnectorCustomizer headerCount(ApiProperties properties) {
        return connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setMaxHeaderCount(properties.maxHeaderCount());
            }
        };
    }
}
