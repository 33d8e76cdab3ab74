package dev.timers.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final SecureRandom random = new SecureRandom();

    @Test
    void whatIsSealedOpensWithTheSameKeyAndContext() {
        var cipher = SecretCipher.of(randomKey(), random);
        String secret = SigningSecret.random(random).reveal();

        String sealed = cipher.seal(secret, "owner-a/1");

        assertThat(sealed).doesNotContain(secret).doesNotContain(secret.substring(SigningSecret.PREFIX.length()));
        assertThat(cipher.open(sealed, "owner-a/1")).isEqualTo(secret);
        // A fresh nonce each time: the same secret never seals to the same text.
        assertThat(cipher.seal(secret, "owner-a/1")).isNotEqualTo(sealed);
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        String sealed = SecretCipher.of(randomKey(), random).seal("whsec_x", "owner-a/1");

        assertThatThrownBy(() -> SecretCipher.of(randomKey(), random).open(sealed, "owner-a/1"))
                .isInstanceOf(SecretsUnreadableException.class)
                .hasMessageContaining("another key")
                .hasMessageContaining("timers.secrets.encryption-key");
    }

    @Test
    void aValueMovedToAnotherOwnerDoesNotOpen() {
        var cipher = SecretCipher.of(randomKey(), random);
        UUID id = UUID.randomUUID();
        String sealed = cipher.seal("whsec_x", StoredSecret.context("owner-a", id));

        assertThatThrownBy(() -> cipher.open(sealed, StoredSecret.context("owner-b", id)))
                .isInstanceOf(SecretsUnreadableException.class);
    }

    @Test
    void aMalformedKeyIsRefusedWithoutShowingIt() {
        String short16 = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});

        assertThatThrownBy(() -> SecretCipher.of(short16, random))
                .hasMessageContaining("TIMERS_SECRETS_ENCRYPTION_KEY")
                .hasMessageContaining("13 bytes")
                .message()
                .doesNotContain(short16);
        assertThatThrownBy(() -> SecretCipher.of("not*base64*at*all", random))
                .hasMessageContaining("not base64")
                .message()
                .doesNotContain("not*base64*at*all");
    }

    @Test
    void nothingHoldingASecretOrTheKeyShowsItInToString() {
        String key = randomKey();
        SigningSecret secret = SigningSecret.random(random);
        String value = secret.reveal().substring(SigningSecret.PREFIX.length());

        assertThat(SecretCipher.of(key, random).toString()).doesNotContain(key);
        assertThat(new SecretsProperties(key, 10).toString()).doesNotContain(key);
        assertThat(secret.toString()).doesNotContain(value);
        assertThat(new OwnerSecrets.Created.New(UUID.randomUUID(), secret, java.time.Instant.now()).toString())
                .doesNotContain(value);
    }

    @Test
    void aSecretReadsBackFromItsText() {
        SigningSecret secret = SigningSecret.random(random);

        assertThat(SigningSecret.parse(secret.reveal())).isEqualTo(secret);
        assertThat(Base64.getDecoder().decode(secret.reveal().substring(SigningSecret.PREFIX.length())))
                .hasSize(32);
    }

    static String randomKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
