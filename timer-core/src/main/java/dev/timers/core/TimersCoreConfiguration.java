package dev.timers.core;

import dev.timers.core.delay.DelayConfiguration;
import dev.timers.core.secrets.SecretsConfiguration;
import dev.timers.core.store.StoreConfiguration;
import dev.timers.core.targets.TargetsConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** What both services share: the settings, the clock, the store, the delayed exchange and the target guard. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimersProperties.class)
@Import({StoreConfiguration.class, DelayConfiguration.class, TargetsConfiguration.class, SecretsConfiguration.class})
@PropertySource("classpath:dev/timers/core/rabbit-defaults.properties")
public class TimersCoreConfiguration {

    /** Every time in the code comes from this clock, so tests can move time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
