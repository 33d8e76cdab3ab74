package dev.timers.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the API ({@code timers.api.*}). Authentication and rate limits have their own records.
 *
 * @param maxDelay the longest delay a client may ask for (also how far ahead a {@code fireAt} may be)
 * @param maxBodySize the largest request body accepted; a larger one is refused with 413 before it is parsed.
 *     It holds a whole batch, so it is well above {@code limits.max-target-body-size}
 * @param limits the bounds of one timer's fields
 * @param maxHeaderCount the most request headers Tomcat accepts on one request; more get 400
 * @param maxPendingPerOwner the most timers one owner may have waiting to fire (SCHEDULED or FIRING); a create
 *     beyond it is refused with 429 {@code urn:timers:problem:too-many-pending-timers}. Zero or less: no cap. A
 *     soft cap: creates made at the same moment are counted before any of them lands, so together they may pass
 *     it by their number.
 * @param publish how wake-ups are handed to the broker off the request thread
 */
@Validated
@ConfigurationProperties("timers.api")
public record ApiProperties(
        @DefaultValue("3653d") @NotNull Duration maxDelay,
        @DefaultValue("1MB") @NotNull DataSize maxBodySize,
        @DefaultValue("50") @Positive int maxHeaderCount,
        @DefaultValue("100000") long maxPendingPerOwner,
        @DefaultValue @Valid @NotNull TimerLimits limits,
        @DefaultValue @Valid @NotNull WakeUpPublishing publish) {

    /** Whether creates are checked against {@link #maxPendingPerOwner} at all. */
    public boolean capsPendingTimers() {
        return maxPendingPerOwner > 0;
    }
}
