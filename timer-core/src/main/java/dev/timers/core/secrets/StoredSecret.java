package dev.timers.core.secrets;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One owner's signing secret as the store keeps it: its id, when it was made, and its value sealed by {@link
 * SecretCipher} (bound to the owner and the id).
 */
public record StoredSecret(UUID id, Instant createdAt, String sealed) {

    public StoredSecret {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(sealed, "sealed");
    }

    /** What the sealed value is bound to: it opens only for this owner and this id. */
    public static String context(String owner, UUID id) {
        return "timers-signing-secret\u0000" + owner + "\u0000" + id;
    }

    @Override
    public String toString() {
        return "StoredSecret[id=" + id + ", createdAt=" + createdAt + ", sealed=(hidden)]";
    }
}
