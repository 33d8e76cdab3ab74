package dev.timers.core.targets;

import dev.timers.core.TimersProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The target guard both services use, on the system's resolver (tests add a resolver of their own). */
@Configuration(proxyBeanMethods = false)
public class TargetsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TargetGuard.class);

    @Bean
    SystemHostResolver systemHostResolver() {
        return new SystemHostResolver();
    }

    @Bean
    TargetGuard targetGuard(TimersProperties properties, HostResolver resolver) {
        var targets = properties.targets();
        if (targets.allowPrivate()) {
            log.warn("timers.targets.allow-private is on: timers may call loopback, private, shared and unique local"
                    + " addresses. Fine for a local stack, unsafe in production.");
        }
        if (!targets.allowedHosts().isEmpty()) {
            log.info("Targets allowed whatever their address: {}", targets.allowedHosts());
        }
        return new TargetGuard(targets, resolver);
    }
}
