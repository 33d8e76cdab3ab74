package dev.timers.consumer;

import dev.timers.core.testing.MutableClock;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * A consumer on the real broker and store whose sweeps run only when the test calls them, on a {@link
 * MutableClock} the test moves (inject it), so a test sees a sweep's effect without waiting for one. No consumer
 * reads the due queue: wake-ups stay there for as long as the test wants the consumers to look behind.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.rabbitmq.listener.simple.auto-startup=false",
            "timers.consumer.rescuer.interval=1h",
            "timers.consumer.feeder.interval=1h",
            "timers.consumer.backlog-sample-interval=1h",
            "timers.webhooks.signing-secrets="
        })
@Import(SweptByTheTest.MovableClock.class)
public @interface SweptByTheTest {

    @TestConfiguration
    class MovableClock {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.now());
        }
    }
}
