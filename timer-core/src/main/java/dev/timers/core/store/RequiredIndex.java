package dev.timers.core.store;

import java.util.List;
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
 * @param projection what it projects ({@code KEYS_ONLY} also accepts any wider projection, {@code INCLUDE} also
 *     accepts {@code ALL})
 * @param included the attributes an {@code INCLUDE} projection must hold; empty for the other projections
 * @param purpose what the index is for, to say in the message
 */
record RequiredIndex(
        String name, String hash, String range, ProjectionType projection, List<String> included, String purpose) {

    RequiredIndex {
        included = List.copyOf(included);
    }

    RequiredIndex(String name, String hash, String range, ProjectionType projection, String purpose) {
        this(name, hash, range, projection, List.of(), purpose);
    }

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
            ProjectionType.INCLUDE,
            TimerTable.SUMMARY_ATTRIBUTES,
            "lists each owner's timers");

    boolean matches(GlobalSecondaryIndexDescription index) {
        var keys = index.keySchema();
        boolean hashMatches = !keys.isEmpty()
                && keys.getFirst().keyType() == KeyType.HASH
                && keys.getFirst().attributeName().equals(hash);
        boolean rangeMatches = range == null
                ? keys.size() == 1
                : keys.size() == 2 && keys.get(1).attributeName().equals(range);
        return hashMatches && rangeMatches && projects(index);
    }

    private boolean projects(GlobalSecondaryIndexDescription index) {
        var actual = index.projection();
        return switch (projection) {
            case KEYS_ONLY -> true;
            case INCLUDE ->
                actual.projectionType() == ProjectionType.ALL
                        || (actual.projectionType() == ProjectionType.INCLUDE
                                && actual.nonKeyAttributes().containsAll(included));
            default -> actual.projectionType() == projection;
        };
    }

    /**
     * Whether {@code index} (one that {@link #matches}) projects every attribute where a few would do: it works,
     * but every write of a timer copies the whole item, body and headers included, into the index.
     */
    boolean projectsMoreThanNeeded(GlobalSecondaryIndexDescription index) {
        return projection == ProjectionType.INCLUDE && index.projection().projectionType() == ProjectionType.ALL;
    }

    String shape() {
        return "hash " + hash + (range == null ? "" : ", range " + range) + ", "
                + switch (projection) {
                    case ALL -> "all attributes";
                    case INCLUDE -> "projecting " + String.join(", ", included);
                    default -> "keys only";
                };
    }

    String addCommand(String table) {
        String definitions = " --attribute-definitions AttributeName=" + hash + ",AttributeType=S"
                + (range == null ? "" : " AttributeName=" + range + ",AttributeType=N");
        String keys = "[{\"AttributeName\":\"" + hash + "\",\"KeyType\":\"HASH\"}"
                + (range == null ? "" : ",{\"AttributeName\":\"" + range + "\",\"KeyType\":\"RANGE\"}") + "]";
        return "aws dynamodb update-table --table-name " + table + definitions
                + " --global-secondary-index-updates '[{\"Create\":{\"IndexName\":\"" + name
                + "\",\"KeySchema\":" + keys + ",\"Projection\":" + projectionJson() + "}}]'";
    }

    /** The index's projection as the CLI's JSON writes it. */
    String projectionJson() {
        String type = "{\"ProjectionType\":\"" + projection + "\"";
        if (included.isEmpty()) {
            return type + "}";
        }
        return type + ",\"NonKeyAttributes\":[\"" + String.join("\",\"", included) + "\"]}";
    }
}
