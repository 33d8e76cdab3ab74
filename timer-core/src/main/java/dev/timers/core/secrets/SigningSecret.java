package dev.timers.core.secrets;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

/**
 * One Standard Webhooks signing secret: {@code whsec_} and the base64 of the key. Only the decoded key signs.
 *
 * <p>No message, log line or {@link #toString()} shows a secret: a bad one is named by its position. Only
 * {@link #reveal()} gives the text, for the one answer that hands a new secret to its owner and for encryption.
 */
public final class SigningSecret {

    public static final String PREFIX = "whsec_";

    /** The MAC every signature is made with. */
    public static final String ALGORITHM = "HmacSHA256";

    /** The bounds the Standard Webhooks specification sets for a symmetric key: 192 to 512 bits. */
    public static final int MIN_BYTES = 24;

    public static final int MAX_BYTES = 64;

    /** The size of a secret this service makes. */
    public static final int GENERATED_BYTES = 32;

    private final byte[] key;

    private SigningSecret(byte[] key) {
        this.key = key.clone();
    }

    /** A new secret of {@link #GENERATED_BYTES} random bytes. */
    public static SigningSecret random(SecureRandom random) {
        byte[] key = new byte[GENERATED_BYTES];
        random.nextBytes(key);
        return new SigningSecret(key);
    }

    /** The key, to sign with. */
    public SecretKeySpec key() {
        return new SecretKeySpec(key, ALGORITHM);
    }

    /** The secret's text, {@code whsec_...}: to hand to its owner once, or to encrypt; never to log. */
    public String reveal() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Reads one secret that this service stored.
     *
     * @throws InvalidSigningSecretException saying what is wrong, without the secret
     */
    public static SigningSecret parse(String secret) {
        return parse(secret, reason -> new InvalidSigningSecretException("not a Standard Webhooks secret: " + reason));
    }

    /**
     * Reads the secrets of {@code timers.webhooks.signing-secrets}: separated by spaces (or commas, which base64
     * never contains); blank text means none.
     *
     * @throws InvalidSigningSecretException naming the property, the position of the bad secret and what a good one
     *     looks like, without the secret itself
     */
    public static List<SigningSecret> parseAll(String text) {
        String[] parts =
                text == null || text.isBlank() ? new String[0] : text.strip().split("[\\s,]+");
        var secrets = new ArrayList<SigningSecret>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            int position = i + 1;
            secrets.add(parse(parts[i], reason -> invalid(position, parts.length, reason)));
        }
        return List.copyOf(secrets);
    }

    private interface Refusal {
        InvalidSigningSecretException because(String reason);
    }

    private static SigningSecret parse(String secret, Refusal refusal) {
        if (!secret.startsWith(PREFIX)) {
            throw refusal.because("it does not start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw refusal.because("what follows " + PREFIX + " is not base64");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw refusal.because("its key is " + key.length + " bytes");
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
    public boolean equals(Object other) {
        return other instanceof SigningSecret secret && Arrays.equals(key, secret.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "SigningSecret[(hidden)]";
    }
}
