package dev.timers.core.secrets;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Each owner's webhook signing secrets: made here with a secure random, stored only sealed under the
 * deployment's encryption key, listed without their values, deleted by id, and opened for the consumer to sign.
 * One owner never reaches another's: every operation takes the owner, and a sealed value is bound to it.
 */
public class OwnerSecrets {

    private final SigningSecretStore store;
    private final Optional<SecretCipher> cipher;
    private final int maxPerOwner;
    private final Clock clock;
    private final SecureRandom random;

    public OwnerSecrets(
            SigningSecretStore store,
            Optional<SecretCipher> cipher,
            int maxPerOwner,
            Clock clock,
            SecureRandom random) {
        this.store = store;
        this.cipher = cipher;
        this.maxPerOwner = maxPerOwner;
        this.clock = clock;
        this.random = random;
    }

    /** What became of a request for a new secret. */
    public sealed interface Created {

        /** The new secret: its value is in this answer and nowhere else in clear. */
        record New(UUID id, SigningSecret secret, Instant createdAt) implements Created {}

        /** The owner already has {@code max} secrets: delete one first. */
        record CapReached(int max) implements Created {}
    }

    /** A secret as its owner may see it later: never its value. */
    public record Summary(UUID id, Instant createdAt) {}

    /** Whether secrets can be made: an encryption key is configured. */
    public boolean canCreate() {
        return cipher.isPresent();
    }

    /**
     * Makes and stores a new secret for {@code owner}.
     *
     * @throws NoEncryptionKeyException when no encryption key is configured
     */
    public Created create(String owner) {
        SecretCipher sealer = cipher.orElseThrow(NoEncryptionKeyException::new);
        UUID id = UUID.randomUUID();
        SigningSecret secret = SigningSecret.random(random);
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var stored = new StoredSecret(id, createdAt, sealer.seal(secret.reveal(), StoredSecret.context(owner, id)));
        return switch (store.add(owner, stored, maxPerOwner)) {
            case SigningSecretStore.Added.Stored ignored -> new Created.New(id, secret, createdAt);
            case SigningSecretStore.Added.CapReached cap -> new Created.CapReached(cap.max());
        };
    }

    /** The owner's secrets, oldest first, without their values. */
    public List<Summary> list(String owner) {
        return store.read(owner).stream()
                .map(secret -> new Summary(secret.id(), secret.createdAt()))
                .toList();
    }

    /** Deletes the owner's secret {@code id}; false when the owner has none with that id. */
    public boolean delete(String owner, UUID id) {
        return store.remove(owner, id);
    }

    /**
     * The owner's secrets, opened, to sign its webhooks with: all of them or, should any not open, none.
     *
     * @throws SecretsUnreadableException when the owner has secrets and no key is configured, or one does not
     *     open under the key (another key, or a damaged item); the message names the owner and the setting only
     */
    public List<SigningSecret> signingSecrets(String owner) {
        List<StoredSecret> stored = store.read(owner);
        if (stored.isEmpty()) {
            return List.of();
        }
        SecretCipher opener = cipher.orElseThrow(() -> new SecretsUnreadableException("owner " + owner + " has "
                + stored.size() + " signing secret(s) but no " + SecretCipher.SETTING + " is configured to open them"));
        try {
            return stored.stream()
                    .map(secret ->
                            SigningSecret.parse(opener.open(secret.sealed(), StoredSecret.context(owner, secret.id()))))
                    .toList();
        } catch (SecretsUnreadableException | InvalidSigningSecretException e) {
            throw new SecretsUnreadableException(
                    "the signing secrets of owner " + owner + " cannot be read: " + e.getMessage());
        }
    }
}
