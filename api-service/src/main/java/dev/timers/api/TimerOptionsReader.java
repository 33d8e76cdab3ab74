package dev.timers.api;

import dev.timers.core.timer.RetryRule;
import dev.timers.core.timer.RetrySchedule;
import dev.timers.core.timer.TimerOptions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Checks a create request's {@code metadata}, {@code retry} and {@code onOverdue} against {@link TimerLimits}. */
final class TimerOptionsReader {

    private static final String SKIP = "skipIfLaterThan";

    private final TimerLimits limits;

    TimerOptionsReader(TimerLimits limits) {
        this.limits = limits;
    }

    TimerOptions read(CreateTimerRequest request, Violations violations) {
        return new TimerOptions(
                metadata(request.metadata(), violations),
                retry(request.retry(), violations),
                skipIfLaterThan(request.onOverdue(), violations));
    }

    private Map<String, String> metadata(Map<String, String> metadata, Violations violations) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > limits.maxMetadataEntries()) {
            violations.add(
                    "metadata",
                    "metadata: at most " + limits.maxMetadataEntries() + " entries, not " + metadata.size());
            return Map.of();
        }
        metadata.forEach((key, value) -> {
            String field = "metadata." + Violations.abbreviate(key);
            if (key.isEmpty() || key.length() > limits.maxMetadataKeyLength()) {
                violations.add(field, field + ": a key has 1 to " + limits.maxMetadataKeyLength() + " characters");
            } else if (value == null) {
                violations.add(field, field + ": a value is a string");
            } else if (value.length() > limits.maxMetadataValueLength()) {
                violations.add(
                        field, field + ": a value has at most " + limits.maxMetadataValueLength() + " characters");
            }
        });
        return metadata;
    }

    private RetryRule retry(CreateTimerRequest.RetryRequest retry, Violations violations) {
        if (retry == null) {
            return RetryRule.CONSUMER_DEFAULT;
        }
        boolean attempts = retry.maxAttempts() != null;
        boolean schedule = retry.schedule() != null;
        if (attempts == schedule) {
            violations.add("retry", "retry: give exactly one of maxAttempts or schedule");
            return RetryRule.CONSUMER_DEFAULT;
        }
        int most = limits.maxRetryAttempts();
        if (attempts) {
            if (retry.maxAttempts() < 1 || retry.maxAttempts() > most) {
                violations.add("retry.maxAttempts", "retry.maxAttempts: between 1 and " + most);
                return RetryRule.CONSUMER_DEFAULT;
            }
            return new RetryRule.MaxAttempts(retry.maxAttempts());
        }
        if (retry.schedule().size() > most - 1) {
            violations.add("retry.schedule", "retry.schedule: at most " + (most - 1) + " waits");
            return RetryRule.CONSUMER_DEFAULT;
        }
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < retry.schedule().size(); i++) {
            String field = "retry.schedule[" + i + "]";
            Duration wait = duration(retry.schedule().get(i));
            if (wait == null
                    || wait.compareTo(Duration.ofSeconds(1)) < 0
                    || wait.compareTo(limits.maxRetryWait()) > 0) {
                violations.add(field, field + ": an ISO-8601 duration from PT1S to " + limits.maxRetryWait());
            } else {
                waits.add(wait);
            }
        }
        return new RetryRule.Own(new RetrySchedule(waits));
    }

    private static Duration skipIfLaterThan(JsonNode onOverdue, Violations violations) {
        if (onOverdue == null
                || onOverdue.isNull()
                || (onOverdue.isString() && onOverdue.stringValue().equals("FIRE"))) {
            return null;
        }
        if (onOverdue.isObject()
                && onOverdue.size() == 1
                && onOverdue.get(SKIP) != null
                && onOverdue.get(SKIP).isString()) {
            Duration limit = duration(onOverdue.get(SKIP).stringValue());
            if (limit != null && limit.compareTo(Duration.ofSeconds(1)) >= 0) {
                return limit;
            }
            violations.add("onOverdue." + SKIP, "onOverdue." + SKIP + ": an ISO-8601 duration of at least PT1S");
            return null;
        }
        violations.add("onOverdue", "onOverdue: \"FIRE\" or {\"" + SKIP + "\": \"PT10M\"}");
        return null;
    }

    private static Duration duration(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
