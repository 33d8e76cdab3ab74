package dev.timers.core.store;

import static dev.timers.core.store.TimerTable.*;

import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.RetryRule;
import dev.timers.core.timer.RetrySchedule;
import dev.timers.core.timer.TargetRequest;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerOptions;
import dev.timers.core.timer.TimerStatus;
import dev.timers.core.timer.TimerSummary;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts between {@link Timer} and DynamoDB items. Times are stored as epoch milliseconds. */
final class TimerItems {

    private TimerItems() {}

    static Map<String, AttributeValue> toItem(Timer timer) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(timer.id().toString()));
        item.put(STATUS, s(timer.status().name()));
        item.put(FIRE_AT, n(timer.fireAt()));
        item.put(URL, s(timer.url().toString()));
        putRequest(item, timer.request());
        putOptions(item, timer.options());
        item.put(CREATED_AT, n(timer.createdAt()));
        item.put(OWNED_BY, s(timer.owner()));
        item.put(VERSION, n(timer.version()));
        item.put(ATTEMPTS, attempts(timer.attempts()));
        item.put(ATTEMPT_COUNT, n(timer.attempts().size()));
        item.put(RESCUES, n(timer.rescues()));
        if (!timer.status().isFinal()) {
            item.put(DUE_SHARD, s(dueShardOf(timer.id())));
            item.put(PENDING_OWNER, s(timer.owner()));
        }
        putIfPresent(item, LEASE_UNTIL, timer.leaseUntil());
        putIfPresent(item, DELIVERED_AT, timer.deliveredAt());
        if (timer.lastError() != null) {
            item.put(LAST_ERROR, s(timer.lastError()));
        }
        if (timer.replayedAfter() > 0) {
            item.put(REPLAYED_AFTER, n(timer.replayedAfter()));
        }
        return item;
    }

    private static void putRequest(Map<String, AttributeValue> item, TargetRequest request) {
        item.put(METHOD, s(request.method()));
        if (!request.headers().isEmpty()) {
            item.put(HEADERS, stringMap(request.headers()));
        }
        request.ownBody().ifPresent(body -> {
            item.put(BODY, s(body));
            item.put(CONTENT_TYPE, s(request.contentType()));
        });
    }

    private static void putOptions(Map<String, AttributeValue> item, TimerOptions options) {
        if (!options.metadata().isEmpty()) {
            item.put(METADATA, stringMap(options.metadata()));
        }
        switch (options.retry()) {
            case RetryRule.ConsumerDefault ignored -> {}
            case RetryRule.MaxAttempts max -> item.put(RETRY_ATTEMPTS, n(max.maxAttempts()));
            case RetryRule.Own own ->
                item.put(
                        RETRY_SCHEDULE,
                        AttributeValue.fromL(own.schedule().delays().stream()
                                .map(wait -> n(wait.toMillis()))
                                .toList()));
        }
        options.skipLimit().ifPresent(limit -> item.put(SKIP_IF_LATER_THAN, n(limit.toMillis())));
    }

    private static TargetRequest request(Map<String, AttributeValue> item) {
        return new TargetRequest(
                item.containsKey(METHOD) ? item.get(METHOD).s() : TargetRequest.DEFAULT.method(),
                stringMap(item, HEADERS),
                string(item, BODY),
                string(item, CONTENT_TYPE));
    }

    private static TimerOptions options(Map<String, AttributeValue> item) {
        RetryRule retry = RetryRule.CONSUMER_DEFAULT;
        if (item.containsKey(RETRY_ATTEMPTS)) {
            retry = new RetryRule.MaxAttempts(
                    Integer.parseInt(item.get(RETRY_ATTEMPTS).n()));
        } else if (item.containsKey(RETRY_SCHEDULE)) {
            retry = new RetryRule.Own(new RetrySchedule(item.get(RETRY_SCHEDULE).l().stream()
                    .map(wait -> Duration.ofMillis(Long.parseLong(wait.n())))
                    .toList()));
        }
        Duration skip = item.containsKey(SKIP_IF_LATER_THAN)
                ? Duration.ofMillis(Long.parseLong(item.get(SKIP_IF_LATER_THAN).n()))
                : null;
        return new TimerOptions(stringMap(item, METADATA), retry, skip);
    }

    private static AttributeValue stringMap(Map<String, String> map) {
        Map<String, AttributeValue> values = new HashMap<>();
        map.forEach((name, value) -> values.put(name, s(value)));
        return AttributeValue.fromM(values);
    }

    private static Map<String, String> stringMap(Map<String, AttributeValue> item, String name) {
        if (!item.containsKey(name)) {
            return Map.of();
        }
        Map<String, String> map = new HashMap<>();
        item.get(name).m().forEach((key, value) -> map.put(key, value.s()));
        return map;
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    static Timer fromItem(Map<String, AttributeValue> item) {
        return new Timer(
                UUID.fromString(item.get(ID).s()),
                TimerStatus.valueOf(item.get(STATUS).s()),
                instant(item, FIRE_AT),
                URI.create(item.get(URL).s()),
                request(item),
                options(item),
                instant(item, CREATED_AT),
                item.containsKey(OWNED_BY) ? item.get(OWNED_BY).s() : Timer.ANONYMOUS_OWNER,
                Long.parseLong(item.get(VERSION).n()),
                instant(item, LEASE_UNTIL),
                instant(item, DELIVERED_AT),
                item.containsKey(LAST_ERROR) ? item.get(LAST_ERROR).s() : null,
                item.containsKey(ATTEMPTS)
                        ? item.get(ATTEMPTS).l().stream()
                                .map(a -> attempt(a.m()))
                                .toList()
                        : List.of(),
                item.containsKey(RESCUES) ? Integer.parseInt(item.get(RESCUES).n()) : 0,
                item.containsKey(REPLAYED_AFTER)
                        ? Integer.parseInt(item.get(REPLAYED_AFTER).n())
                        : 0);
    }

    /** What a list shows of a timer, from an item that may hold only {@link TimerTable#SUMMARY_ATTRIBUTES}. */
    static TimerSummary summaryFromItem(Map<String, AttributeValue> item) {
        return new TimerSummary(
                UUID.fromString(item.get(ID).s()),
                TimerStatus.valueOf(item.get(STATUS).s()),
                instant(item, FIRE_AT),
                URI.create(item.get(URL).s()),
                item.containsKey(METHOD) ? item.get(METHOD).s() : TargetRequest.DEFAULT.method(),
                stringMap(item, METADATA),
                instant(item, CREATED_AT),
                instant(item, DELIVERED_AT),
                string(item, LAST_ERROR),
                item.containsKey(ATTEMPT_COUNT)
                        ? Integer.valueOf(item.get(ATTEMPT_COUNT).n())
                        : null);
    }

    /** A list of one attempt, for appending with {@code list_append}. */
    static AttributeValue attempts(List<Attempt> attempts) {
        return AttributeValue.fromL(attempts.stream().map(TimerItems::attempt).toList());
    }

    static Map<String, AttributeValue> key(UUID id) {
        return Map.of(ID, s(id.toString()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue n(Instant value) {
        return n(value.toEpochMilli());
    }

    private static AttributeValue attempt(Attempt attempt) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("at", n(attempt.at()));
        map.put("durationMs", n(attempt.duration().toMillis()));
        if (attempt.statusCode() != null) {
            map.put("statusCode", n(attempt.statusCode()));
        }
        if (attempt.error() != null) {
            map.put("error", s(attempt.error()));
        }
        return AttributeValue.fromM(map);
    }

    private static Attempt attempt(Map<String, AttributeValue> map) {
        return new Attempt(
                Instant.ofEpochMilli(Long.parseLong(map.get("at").n())),
                map.containsKey("statusCode")
                        ? Integer.valueOf(map.get("statusCode").n())
                        : null,
                map.containsKey("error") ? map.get("error").s() : null,
                Duration.ofMillis(Long.parseLong(map.get("durationMs").n())));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, n(value));
        }
    }

    /** The epoch-milliseconds attribute {@code name} as an instant; null when the item lacks it. */
    static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }
}
