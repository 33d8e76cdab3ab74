package dev.timers.consumer.delivery;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

/**
 * One Standard Webhooks signing secret: {@code whsec_} and the base64 of the key. Only the decoded key signs.
 *
 * <p>No message, log line or {@link #toString()} shows a secret: a bad one is named by its position.
 */
final class SigningSecret {

    static final String PREFIX = "whsec_";

    /** The bounds the Standard Webhooks specification sets for a symmetric key: 192 to 512 bits. */
    static final int MIN_BYTES = 24;

    static final int MAX_BYTES = 64;

    private final SecretKeySpec key;

    private SigningSecret(byte[] key) {
        this.key = new SecretKeySpec(key, WebhookSigner.ALGORITHM);
    }

    SecretKeySpec key() {
        return key;
    }

    /**
     * Reads the secrets of {@code timers.webhooks.signing-secrets}: separated by spaces (or commas, which base64
     * never contains); blank text means none.
     *
     * @throws InvalidSigningSecretException naming the property, the position of the bad secret and what a good one
     *     looks like, without the secret itself
     */
    static List<SigningSecret> parseAll(String text) {
        String[] parts =
                text == null || text.isBlank() ? new String[0] : text.strip().split("[\\s,]+");
        var secrets = new ArrayList<SigningSecret>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            secrets.add(parse(parts[i], i + 1, parts.length));
        }
        return List.copyOf(secrets);
    }

    private static SigningSecret parse(String secret, int position, int count) {
        if (!secret.startsWith(PREFIX)) {
            throw invalid(position, count, "it does not start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw invalid(position, count, "what follows " + PREFIX + " is not base64");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw invalid(position, count, "its key is " + key.length + " bytes");
        }
        return new SigningSecret(key);
    }

    private static InvalidSigningSecretException invalid(int position, int count, String reason) {
        return new InvalidSigningSecretException("timers.webhooks.signing-secrets (TIMERS_WEBHOOK_SECRETS): secret "
                + position + " of " + count + " is not a Standard Webhooks secret: " + reason + ". A secret is "
                + PREFIX + " followed by the base64 of " + MIN_BYTES + " to " + MAX_BYTES + " random bytes, e.g. "
                + PREFIX + "$(head -c 32 /dev/urandom | base64); several are separated by spaces");
    }

    @Override
    public String toString() {
        return "SigningSecret[(hidden)]";
    }
}
