package dev.timers.core.secrets;

import dev.timers.core.store.IdempotencyKeys;
import dev.timers.core.store.TimerTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The owners' signing secrets, one item per owner in the timers table: its id is {@code signing-secrets#} and a
 * digest of the owner (never a timer's id, which is a UUID), and it carries none of the indexes' attributes, so
 * no index, sweep or listing of timers ever sees it. The item holds a map from each secret's id to when it was
 * made and its sealed value, and a version.
 *
 * <p>Every change is a read and a put conditional on the version read, so two changes at once never lose each
 * other's secret and the cap holds however many requests race; the loser waits a moment and reads again. Each
 * loss means another change landed, so the tries only run out when more changes than {@link #TRIES} race for one
 * owner's secrets at the same moment.
 */
public class SigningSecretStore {

    static final String ID_PREFIX = "signing-secrets#";
    private static final String SECRETS = "secrets";
    private static final String VERSION = "version";
    private static final String CREATED_AT = "createdAt";
    private static final String SEALED = "sealed";
    private static final int TRIES = 32;

    private final DynamoDbClient dynamo;
    private final String table;

    public SigningSecretStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** What became of an attempt to add a secret. */
    public sealed interface Added {

        /** It is stored, and signs from now on. */
        record Stored(StoredSecret secret) implements Added {}

        /** The owner already has {@code max} secrets: nothing was stored. */
        record CapReached(int max) implements Added {}
    }

    /** The owner's secrets, oldest first: a consistent read, so a change just made is seen. */
    public List<StoredSecret> read(String owner) {
        return current(owner).secrets();
    }

    /** Adds {@code secret} unless the owner already has {@code max}. */
    public Added add(String owner, StoredSecret secret, int max) {
        for (int i = 0; i < TRIES; i++) {
            var current = current(owner);
            if (current.secrets().size() >= max) {
                return new Added.CapReached(max);
            }
            var next = new ArrayList<>(current.secrets());
            next.add(secret);
            if (write(owner, current, next)) {
                return new Added.Stored(secret);
            }
            backOff();
        }
        throw new IllegalStateException("the signing secrets of one owner kept changing while a secret was added");
    }

    /** Removes the owner's secret {@code id}; false when the owner has no such secret. */
    public boolean remove(String owner, UUID id) {
        for (int i = 0; i < TRIES; i++) {
            var current = current(owner);
            var next = current.secrets().stream()
                    .filter(secret -> !secret.id().equals(id))
                    .toList();
            if (next.size() == current.secrets().size()) {
                return false;
            }
            if (write(owner, current, next)) {
                return true;
            }
            backOff();
        }
        throw new IllegalStateException("the signing secrets of one owner kept changing while a secret was deleted");
    }

    /** A short random pause, so the writers that lost a race do not all read and collide again at once. */
    private static void backOff() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing signing secrets", e);
        }
    }

    /** The owner's item as read: its secrets, and its version (empty when there is no item yet). */
    private record Current(List<StoredSecret> secrets, Optional<Long> version) {}

    private Current current(String owner) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(owner)).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return new Current(List.of(), Optional.empty());
        }
        var secrets = new ArrayList<StoredSecret>();
        item.getOrDefault(SECRETS, AttributeValue.fromM(Map.of())).m().forEach((id, value) -> {
            var entry = value.m();
            secrets.add(new StoredSecret(
                    UUID.fromString(id),
                    Instant.ofEpochMilli(Long.parseLong(entry.get(CREATED_AT).n())),
                    entry.get(SEALED).s()));
        });
        secrets.sort(Comparator.comparing(StoredSecret::createdAt).thenComparing(StoredSecret::id));
        return new Current(
                List.copyOf(secrets),
                Optional.of(Long.parseLong(item.get(VERSION).n())));
    }

    /** Puts the item with {@code next}, if it is still at the version read; false when another change won. */
    private boolean write(String owner, Current current, List<StoredSecret> next) {
        var secrets = new HashMap<String, AttributeValue>();
        next.forEach(secret -> secrets.put(
                secret.id().toString(),
                AttributeValue.fromM(Map.of(
                        CREATED_AT,
                                AttributeValue.fromN(
                                        Long.toString(secret.createdAt().toEpochMilli())),
                        SEALED, AttributeValue.fromS(secret.sealed())))));
        var item = new HashMap<>(key(owner));
        item.put(SECRETS, AttributeValue.fromM(secrets));
        item.put(VERSION, AttributeValue.fromN(Long.toString(current.version().orElse(0L) + 1)));
        var put = PutItemRequest.builder().tableName(table).item(item);
        if (current.version().isPresent()) {
            put.conditionExpression("#version = :version")
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(Map.of(
                            ":version",
                            AttributeValue.fromN(Long.toString(current.version().get()))));
        } else {
            put.conditionExpression("attribute_not_exists(#key)")
                    .expressionAttributeNames(Map.of("#key", TimerTable.ID));
        }
        try {
            dynamo.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String owner) {
        return Map.of(TimerTable.ID, AttributeValue.fromS(ID_PREFIX + IdempotencyKeys.digest(owner)));
    }
}
