package dev.timers.core.store;

import static dev.timers.core.store.TimerTable.*;

import dev.timers.core.timer.Attempt;
import dev.timers.core.timer.Timer;
import dev.timers.core.timer.TimerStatus;
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
        item.put(CREATED_AT, n(timer.createdAt()));
        item.put(OWNED_BY, s(timer.owner()));
        item.put(VERSION, n(timer.version()));
        item.put(ATTEMPTS, attempts(timer.attempts()));
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
        return item;
    }

    static Timer fromItem(Map<String, AttributeValue> item) {
        return new Timer(
                UUID.fromString(item.get(ID).s()),
                TimerStatus.valueOf(item.get(STATUS).s()),
                instant(item, FIRE_AT),
                URI.create(item.get(URL).s()),
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
                item.containsKey(RESCUES) ? Integer.parseInt(item.get(RESCUES).n()) : 0);
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

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value.n()));
    }
}
