package dev.timers.core.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryRuleTest {

    private static final RetrySchedule CONSUMER =
            new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30)));

    @Test
    void theConsumerDefaultIsTheConsumersScheduleAsItIs() {
        assertThat(RetryRule.CONSUMER_DEFAULT.resolve(CONSUMER)).isEqualTo(CONSUMER);
    }

    @Test
    void maxAttemptsBelowTheConsumersCutsItsWaitsFromTheEnd() {
        RetrySchedule two = new RetryRule.MaxAttempts(2).resolve(CONSUMER);

        assertThat(two.delays()).containsExactly(Duration.ofSeconds(5));
        assertThat(two.maxAttempts()).isEqualTo(2);
    }

    @Test
    void maxAttemptsOfOneMeansNoRetryAtAll() {
        RetrySchedule once = new RetryRule.MaxAttempts(1).resolve(CONSUMER);

        assertThat(once.delays()).isEmpty();
        assertThat(once.waitAfter(1)).isEmpty();
    }

    @Test
    void maxAttemptsAboveTheConsumersRepeatsItsLastWait() {
        RetrySchedule six = new RetryRule.MaxAttempts(6).resolve(CONSUMER);

        assertThat(six.delays())
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(30));
        assertThat(six.maxAttempts()).isEqualTo(6);
    }

    @Test
    void maxAttemptsEqualToTheConsumersKeepsItsSchedule() {
        assertThat(new RetryRule.MaxAttempts(4).resolve(CONSUMER)).isEqualTo(CONSUMER);
    }

    @Test
    void maxAttemptsAboveAConsumerScheduleWithoutWaitsWaitsFiveSeconds() {
        RetrySchedule three = new RetryRule.MaxAttempts(3).resolve(new RetrySchedule(List.of()));

        assertThat(three.delays()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void aTimerMakesAtLeastOneCall() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RetryRule.MaxAttempts(0));
    }

    @Test
    void anOwnScheduleIgnoresTheConsumers() {
        var own = new RetrySchedule(List.of(Duration.ofMillis(200), Duration.ofMillis(200)));

        assertThat(new RetryRule.Own(own).resolve(CONSUMER)).isEqualTo(own);
    }
}
