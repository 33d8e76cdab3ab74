package dev.timers.api;

import dev.timers.api.auth.BatchRateLimit;
import dev.timers.api.auth.CallerArgumentResolver;
import dev.timers.api.auth.SecurityConfiguration;
import dev.timers.core.TimersProperties;
import dev.timers.core.targets.TargetGuard;
import dev.timers.core.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What a web slice test of the timer endpoints runs for real: security, the request checks and the services
 * behind the controllers, on a clock the test moves. Only the store and the broker are left for the test to mock.
 */
@TestConfiguration
@EnableConfigurationProperties(ApiProperties.class)
@Import({
    SecurityConfiguration.class,
    CallerArgumentResolver.class,
    BatchRateLimit.class,
    NewTimers.class,
    FireTimes.class,
    TimerScheduler.class,
    TimerChanges.class,
    TimerListing.class,
    OwnedTimers.class,
    TimerBatches.class,
    StrictJson.class
})
class WebSlice {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Bean
    MutableClock clock() {
        return new MutableClock(NOW);
    }

    @Bean
    MeterRegistry meters() {
        return new SimpleMeterRegistry();
    }

    /** The real guard; the targets here are on loopback, which these tests let through. */
    @Bean
    TargetGuard targetGuard() {
        return new TargetGuard(
                new TimersProperties.Targets(true, List.of(), List.of(), null, null),
                host -> List.of(InetAddress.getLoopbackAddress()));
    }
}
