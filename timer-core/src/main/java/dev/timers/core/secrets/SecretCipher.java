package dev.timers.core.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under the key of {@code timers.secrets.encryption-key}. A sealed value is the base64 of a fresh
 * 12-byte nonce followed by the ciphertext and its 16-byte tag. The caller's {@code context} (the owner and the
 * secret's id) is authenticated with it, so a sealed value copied to another owner's item does not open there.
 *
 * <p>Neither the key nor anything it opens is ever in a message or {@link #toString()}.
 */
public final class SecretCipher {

    /** The setting and its environment variable, as messages name them. */
    public static final String SETTING = "timers.secrets.encryption-key (TIMERS_SECRETS_ENCRYPTION_KEY)";

    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final SecureRandom random;

    private SecretCipher(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /**
     * The cipher of a configured key: the base64 of {@value #KEY_BYTES} random bytes.
     *
     * @throws IllegalArgumentException naming the setting and what a key looks like, never the text given
     */
    public static SecretCipher of(String base64Key, SecureRandom random) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw badKey("it is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw badKey("it is " + key.length + " bytes");
        }
        return new SecretCipher(key, random);
    }

    private static IllegalArgumentException badKey(String reason) {
        return new IllegalArgumentException(SETTING + " is not an encryption key: " + reason
                + ". A key is the base64 of " + KEY_BYTES + " random bytes, e.g. $(head -c 32 /dev/urandom | base64)");
    }

    /** Seals {@code plaintext}, bound to {@code context}. */
    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            // Every Java runtime has AES-GCM, and the key's size was checked when it was read.
            throw new IllegalStateException("cannot encrypt with " + TRANSFORMATION, e);
        }
    }

    /**
     * Opens what {@link #seal} made with the same key and context.
     *
     * @throws SecretsUnreadableException when it was sealed under another key or context, or is damaged
     */
    public String open(String sealed, String context) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new SecretsUnreadableException("a stored secret is damaged (not base64)");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretsUnreadableException("a stored secret is damaged (too short)");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, NONCE_BYTES), context);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretsUnreadableException(
                    "a stored secret does not open with " + SETTING + ": it was encrypted under another key");
        } catch (GeneralSecurityException e) {
            throw new SecretsUnreadableException(
                    "a stored secret cannot be decrypted (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretCipher[AES-256-GCM, key (hidden)]";
    }
}
