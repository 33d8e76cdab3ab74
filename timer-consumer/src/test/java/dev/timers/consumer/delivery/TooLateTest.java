package dev.timers.consumer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timers.core.testing.TestTimers;
import dev.timers.core.timer.RetryRule;
import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TooLateTest {

    private static final Instant FIRE_AT = Instant.parse("2027-01-01T09:00:00Z");

    @Test
    void aTurnLaterThanTheLimitIsSkippedWithBothDurationsInItsReason() {
        Timer timer = due(Duration.ofMinutes(10));

        assertThat(TooLate.reason(
                        timer,
                        FIRE_AT.plus(Duration.ofMinutes(12).plusSeconds(3).plusMillis(250))))
                .contains("skipped: found 12m3s after its fire time, later than the 10m its client allows");
    }

    @Test
    void aTurnLateButWithinTheLimitIsMade() {
        Timer timer = due(Duration.ofMinutes(10));

        assertThat(TooLate.reason(timer, FIRE_AT.plus(Duration.ofMinutes(9)))).isEmpty();
        assertThat(TooLate.reason(timer, FIRE_AT.plus(Duration.ofMinutes(10)))).isEmpty();
    }

    @Test
    void withoutALimitATurnIsMadeHoweverLate() {
        Timer timer = TestTimers.dueIn(Duration.ZERO, FIRE_AT);

        assertThat(TooLate.reason(timer, FIRE_AT.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void durationsReadShortAndKeepMillisecondsOnlyBelowAMinute() {
        assertThat(TooLate.brief(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(TooLate.brief(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(TooLate.brief(Duration.ofMillis(61_500))).isEqualTo("1m1s");
        assertThat(TooLate.brief(Duration.ofHours(51).plusMinutes(4))).isEqualTo("2d3h4m");
        assertThat(TooLate.brief(Duration.ZERO)).isEqualTo("0s");
    }

    private static Timer due(Duration skipIfLaterThan) {
        var options = new TimerOptions(Map.of(), RetryRule.CONSUMER_DEFAULT, skipIfLaterThan);
        return Timer.schedule(
                UUID.randomUUID(),
                TestTimers.TARGET,
                TargetRequest.DEFAULT,
                options,
                FIRE_AT,
                FIRE_AT.minusSeconds(60),
                Timer.ANONYMOUS_OWNER);
    }
}
