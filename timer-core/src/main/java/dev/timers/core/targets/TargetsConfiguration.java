package dev.timers.core.targets;

import dev.timers.core.TimersProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The target guard both services use, on the system's resolver (tests add a resolver of their own). */
@Configuration(proxyBeanMethods = false)
public class TargetsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TargetGuard.class);

    @Bean
    SystemHostResolver systemHostResolver() {
        return new SystemHostResolver();
    }

    @Bean
    TargetGuard targetGuard(TimersProperties properties, HostResolver resolver, Environment environment) {
        var targets = properties.targets();
        if (targets.allowPrivate()) {
            log.warn("timers.targets.allow-private is on: timers may call loopback, private, shared and unique local"
                    + " addresses. Fine for a local stack, unsafe in production.");
        }
        if (!targets.allowedHosts().isEmpty()) {
            log.info("Targets allowed whatever their address: {}", targets.allowedHosts());
        }
        var guard = new TargetGuard(targets, resolver, OwnPorts.of(environment, properties));
        log.info("Targets on this machine's own addresses are never called on ports {}", guard.reservedPorts());
        return guard;
    }

    /**
     * Reserves the ports the servers really listen on, once they do: a port configured as 0 is only known then.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> reserveListeningPorts(TargetGuard guard) {
        return ready -> {
            Environment environment = ready.getApplicationContext().getEnvironment();
            for (String listening : List.of("local.server.port", "local.management.port")) {
                Integer port = environment.getProperty(listening, Integer.class);
                if (port != null) {
                    guard.reserve(port);
                }
            }
        };
    }
}
