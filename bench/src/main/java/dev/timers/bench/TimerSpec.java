package dev.timers.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One timer to create: when and where, plus optional raw JSON members (such as a retry rule) for the request.
 * Fire times are whole milliseconds, as the store keeps them.
 */
record TimerSpec(Instant fireAt, String url, String extraJson) {

    TimerSpec {
        fireAt = fireAt.truncatedTo(ChronoUnit.MILLIS);
    }

    static TimerSpec at(Instant fireAt, String url) {
        return new TimerSpec(fireAt, url, null);
    }

    String json() {
        return "{\"fireAt\":\"" + fireAt + "\",\"url\":\"" + url + "\"" + (extraJson == null ? "" : "," + extraJson)
                + "}";
    }
}
