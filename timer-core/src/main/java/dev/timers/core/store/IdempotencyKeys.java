package dev.timers.core.store;

import static dev.timers.core.store.TimerItems.*;
import static dev.timers.core.store.TimerTable.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The {@code Idempotency-Key}s of creates, one item each in the timers table: which timer a key stands for, a
 * fingerprint of the request that made it, and the times that request fixed. A key is taken with one
 * conditional put, never a read followed by a write, so of any number of concurrent creates with the same key
 * exactly one takes it; the others find it taken and are answered with the same timer.
 *
 * <p>Because the key item fixes the timer's id and times before the timer is written, any holder of the key
 * with the same request can write that timer (a conditional put on the id), so a create that stopped between
 * the two writes is completed by its retry, and never duplicated.
 *
 * <p>A key lasts {@code keep}; then it may be taken again. The item's {@code expiresAt} also lets DynamoDB's
 * time to live remove it.
 */
public class IdempotencyKeys {

    private static final String KEY_PREFIX = "idempotency#";
    private static final String TIMER_ID = "timerId";
    private static final String FINGERPRINT = "fingerprint";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration keep;

    public IdempotencyKeys(DynamoDbClient dynamo, String table, Duration keep) {
        this.dynamo = dynamo;
        this.table = table;
        this.keep = keep;
    }

    /** What a key stands for: the timer it made and the times its first request fixed. */
    public record Reservation(UUID timerId, String fingerprint, Instant fireAt, Instant createdAt) {}

    /** What became of an attempt to take a key. */
    public sealed interface Outcome {

        /** The key was free and is now this request's: create the timer it reserves. */
        record Taken(Reservation reservation) implements Outcome {}

        /** The key was taken by an earlier request with the same fingerprint: answer with its timer. */
        record Repeated(Reservation reservation) implements Outcome {}

        /** The key was taken by a request with another fingerprint. */
        record Conflict() implements Outcome {}
    }

    /**
     * Takes {@code key} of {@code owner} for {@code proposed}, unless an earlier request holds it and has not
     * expired.
     */
    public Outcome take(String owner, String key, Reservation proposed, Instant now) {
        var id = idOf(owner, key);
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(Map.of(
                            ID, id,
                            TIMER_ID, s(proposed.timerId().toString()),
                            FINGERPRINT, s(proposed.fingerprint()),
                            FIRE_AT, n(proposed.fireAt()),
                            CREATED_AT, n(proposed.createdAt()),
                            EXPIRES_AT, n(now.plus(keep).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(#id) OR #expiresAt < :now")
                    .expressionAttributeNames(Map.of("#id", ID, "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                    .build());
            return new Outcome.Taken(proposed);
        } catch (ConditionalCheckFailedException e) {
            var item = dynamo.getItem(
                            b -> b.tableName(table).key(Map.of(ID, id)).consistentRead(true))
                    .item();
            // Gone between the two calls (its time to live ran out): the key is free again.
            return item == null || item.isEmpty() ? take(owner, key, proposed, now) : held(item, proposed);
        }
    }

    /** Gives back a key taken for {@code reservation} that made no timer; a key taken since is left alone. */
    public void release(String owner, String key, Reservation reservation) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of(ID, idOf(owner, key)))
                    .conditionExpression("#timerId = :timerId")
                    .expressionAttributeNames(Map.of("#timerId", TIMER_ID))
                    .expressionAttributeValues(
                            Map.of(":timerId", s(reservation.timerId().toString()))));
        } catch (ConditionalCheckFailedException e) {
            // Taken by another request after ours expired: not ours to give back.
        }
    }

    private static AttributeValue idOf(String owner, String key) {
        return s(KEY_PREFIX + digest(owner + "\u0000" + key));
    }

    private static Outcome held(Map<String, AttributeValue> item, Reservation proposed) {
        var held = new Reservation(
                UUID.fromString(item.get(TIMER_ID).s()),
                item.get(FINGERPRINT).s(),
                instant(item, FIRE_AT),
                instant(item, CREATED_AT));
        if (held.timerId().equals(proposed.timerId())) {
            // Our own put, landed on an attempt the SDK then retried.
            return new Outcome.Taken(held);
        }
        return held.fingerprint().equals(proposed.fingerprint()) ? new Outcome.Repeated(held) : new Outcome.Conflict();
    }

    /** A hex SHA-256: keys and fingerprints are stored as digests, whatever their length. */
    public static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
