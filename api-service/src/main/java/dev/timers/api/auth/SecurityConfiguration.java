package dev.timers.api.auth;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Three filter chains. The API's: every request is a {@link Caller}, from its bearer API key, or the anonymous
 * owner when {@code timers.api.auth=none}; then its key's rate limit. The documentation's: the OpenAPI document
 * and Swagger UI are open to all, without a key and outside the rate limits. The actuator's (on the management
 * port): probes are open to all, health details and everything else only to the local network or a caller
 * with a key. All are stateless: no session, no CSRF token (no cookies are used), no login page.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuthProperties.class, RateLimitProperties.class})
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * The OpenAPI document (JSON, YAML, and the Swagger UI's configuration) and Swagger UI with its own files, at
     * springdoc's default paths. Exactly these: nothing else is let in without a key.
     */
    private static final String[] DOCUMENTATION = {
        "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/swagger-ui.html", "/swagger-ui/**"
    };

    @Bean
    ApiKeys apiKeys(AuthProperties properties) {
        var keys = ApiKeys.from(properties);
        if (properties.auth() == AuthMode.NONE) {
            log.warn("Authentication is off (timers.api.auth=none): every request acts as the anonymous owner."
                    + " Use this only on a local stack.");
        } else if (keys.size() == 0) {
            log.warn("No API keys are configured (timers.api.keys, timers.api.keys-file): every request will be"
                    + " refused with 401.");
        } else {
            log.info("{} API keys loaded", keys.size());
        }
        return keys;
    }

    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties, Clock clock) {
        return new RateLimiter(properties, clock);
    }

    @Bean
    @Order(1)
    SecurityFilterChain actuatorChain(HttpSecurity http, ApiKeys keys) throws Exception {
        var entryPoint = new ProblemEntryPoint();
        return stateless(http, entryPoint)
                .securityMatcher(EndpointRequest.toAnyEndpoint())
                .addFilterBefore(new ApiKeyFilter(keys, entryPoint), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new LocalNetworkFilter(), ApiKeyFilter.class)
                .anonymous(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to("health"))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain documentationChain(HttpSecurity http) throws Exception {
        // No key filter, so no rate limit either: reading the documentation costs a client none of its requests.
        return stateless(http, new ProblemEntryPoint())
                .securityMatcher(DOCUMENTATION)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain apiChain(
            HttpSecurity http, AuthProperties properties, ApiKeys keys, RateLimiter limiter, RateLimitProperties limits)
            throws Exception {
        var entryPoint = new ProblemEntryPoint();
        stateless(http, entryPoint);
        if (properties.auth() == AuthMode.NONE) {
            http.anonymous(anonymous -> anonymous.principal(Caller.ANONYMOUS))
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        } else {
            http.addFilterBefore(new ApiKeyFilter(keys, entryPoint), AnonymousAuthenticationFilter.class)
                    .anonymous(AbstractHttpConfigurer::disable)
                    .authorizeHttpRequests(
                            // An error dispatch renders the error of a request that was already let in (or refused).
                            requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                                    .permitAll()
                                    .anyRequest()
                                    .authenticated());
        }
        if (limits.enabled()) {
            http.addFilterBefore(new RateLimitFilter(limiter), AuthorizationFilter.class);
        }
        return http.build();
    }

    private static HttpSecurity stateless(HttpSecurity http, ProblemEntryPoint entryPoint) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint));
    }
}
