package dev.timers.core.store;

import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * An index the timers table must have, as {@link TimerTableVerifier} checks it. The {@code pending}, {@code
 * owner} and {@code unpublished} indexes came after the first timers table did, so an existing table may lack them; DynamoDB can add
 * them in place, and the verifier says how.
 *
 * @param name the index's name
 * @param hash its hash key, a string attribute
 * @param range its range key, a number attribute, or null
 * @param projection what it projects ({@code KEYS_ONLY} also accepts any wider projection)
 * @param purpose what the index is for, to say in the message
 */
record RequiredIndex(String name, String hash, String range, ProjectionType projection, String purpose) {

    static final RequiredIndex DUE = new RequiredIndex(
            TimerTable.DUE_INDEX, TimerTable.DUE_SHARD, TimerTable.FIRE_AT, ProjectionType.ALL, "the rescuer reads");

    static final RequiredIndex UNPUBLISHED = new RequiredIndex(
            TimerTable.UNPUBLISHED_INDEX,
            TimerTable.PUBLISH_SHARD,
            TimerTable.FIRE_AT,
            ProjectionType.KEYS_ONLY,
            "the feeder reads");

    static final RequiredIndex PENDING = new RequiredIndex(
            TimerTable.PENDING_INDEX,
            TimerTable.PENDING_OWNER,
            null,
            ProjectionType.KEYS_ONLY,
            "counts each owner's pending timers");

    static final RequiredIndex OWNER = new RequiredIndex(
            TimerTable.OWNER_INDEX,
            TimerTable.OWNED_BY,
            TimerTable.CREATED_AT,
            ProjectionType.ALL,
            "lists each owner's timers");

    boolean matches(GlobalSecondaryIndexDescription index) {
        var keys = index.keySchema();
        boolean hashMatches = !keys.isEmpty()
                && keys.getFirst().keyType() == KeyType.HASH
                && keys.getFirst().attributeName().equals(hash);
        boolean rangeMatches = range == null
                ? keys.size() == 1
                : keys.size() == 2 && keys.get(1).attributeName().equals(range);
        boolean projects =
                projection == ProjectionType.KEYS_ONLY || index.projection().projectionType() == projection;
        return hashMatches && rangeMatches && projects;
    }

    String shape() {
        return "hash " + hash + (range == null ? "" : ", range " + range) + ", "
                + (projection == ProjectionType.ALL ? "all attributes" : "keys only");
    }

    String addCommand(String table) {
        String definitions = " --attribute-definitions AttributeName=" + hash + ",AttributeType=S"
                + (range == null ? "" : " AttributeName=" + range + ",AttributeType=N");
        String keys = "[{\"AttributeName\":\"" + hash + "\",\"KeyType\":\"HASH\"}"
                + (range == null ? "" : ",{\"AttributeName\":\"" + range + "\",\"KeyType\":\"RANGE\"}") + "]";
        return "aws dynamodb update-table --table-name " + table + definitions
                + " --global-secondary-index-updates '[{\"Create\":{\"IndexName\":\"" + name
                + "\",\"KeySchema\":" + keys + ",\"Projection\":{\"ProjectionType\":\"" + projection
                + "\"}}}]'";
    }
}
