package dev.timers.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timers.core.testing.TestInfrastructure;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The owners' secrets on the real store: sealed at rest, kept across clients, capped, and owner by owner. */
class OwnerSecretsIT {

    private static final TestInfrastructure infrastructure = TestInfrastructure.isolated();
    private static final SecureRandom random = new SecureRandom();
    private static final String KEY = SecretCipherTest.randomKey();

    @AfterAll
    static void cleanUp() {
        infrastructure.close();
    }

    private static OwnerSecrets secrets(DynamoDbClient dynamo, String key) {
        return new OwnerSecrets(
                new SigningSecretStore(dynamo, infrastructure.table()),
                Optional.ofNullable(key).map(k -> SecretCipher.of(k, random)),
                10,
                Clock.systemUTC(),
                random);
    }

    private static OwnerSecrets.Created.New created(OwnerSecrets secrets, String owner) {
        return (OwnerSecrets.Created.New) secrets.create(owner);
    }

    private static String owner() {
        return "owner-" + UUID.randomUUID();
    }

    @Test
    void theStoredItemHoldsNoPlaintext() {
        String owner = owner();
        var made = created(secrets(infrastructure.dynamo(), KEY), owner);
        String value = made.secret().reveal();

        var items = infrastructure
                .dynamo()
                .scan(b -> b.tableName(infrastructure.table()).consistentRead(true))
                .items();

        assertThat(items.toString())
                .contains(made.id().toString())
                .doesNotContain(value)
                .doesNotContain(value.substring(SigningSecret.PREFIX.length()));
        // None of the indexes' attributes: no timer index ever lists it.
        assertThat(items.stream().flatMap(item -> item.keySet().stream()))
                .doesNotContain("dueShard", "pendingOwner", "ownedBy", "publishShard", "status");
    }

    @Test
    void secretsSurviveARestartOnANewStoreClient() {
        String owner = owner();
        var made = created(secrets(infrastructure.dynamo(), KEY), owner);

        try (var restarted = TestInfrastructure.dynamoClient()) {
            var again = secrets(restarted, KEY);
            assertThat(again.list(owner)).containsExactly(new OwnerSecrets.Summary(made.id(), made.createdAt()));
            assertThat(again.signingSecrets(owner)).containsExactly(made.secret());
        }
    }

    @Test
    void anotherKeyCannotReadThemAndSaysSoWithoutTheSecret() {
        String owner = owner();
        var made = created(secrets(infrastructure.dynamo(), KEY), owner);

        assertThatThrownBy(() -> secrets(infrastructure.dynamo(), SecretCipherTest.randomKey())
                        .signingSecrets(owner))
                .isInstanceOf(SecretsUnreadableException.class)
                .hasMessageContaining(owner)
                .hasMessageContaining("another key")
                .message()
                .doesNotContain(made.secret().reveal().substring(SigningSecret.PREFIX.length()));
        assertThatThrownBy(() -> secrets(infrastructure.dynamo(), null).signingSecrets(owner))
                .isInstanceOf(SecretsUnreadableException.class)
                .hasMessageContaining("timers.secrets.encryption-key");
        assertThatThrownBy(() -> secrets(infrastructure.dynamo(), null).create(owner))
                .isInstanceOf(NoEncryptionKeyException.class);
    }

    @Test
    void anOwnerSeesAndDeletesOnlyItsOwnSecrets() {
        var secrets = secrets(infrastructure.dynamo(), KEY);
        String a = owner();
        String b = owner();
        var ofA = created(secrets, a);

        assertThat(secrets.list(b)).isEmpty();
        assertThat(secrets.signingSecrets(b)).isEmpty();
        assertThat(secrets.delete(b, ofA.id())).isFalse();
        assertThat(secrets.signingSecrets(a)).containsExactly(ofA.secret());
        assertThat(secrets.delete(a, ofA.id())).isTrue();
        assertThat(secrets.list(a)).isEmpty();
        assertThat(secrets.delete(a, ofA.id())).isFalse();
    }

    @Test
    void theCapHoldsEvenWhenManyAddAtOnce() throws Exception {
        var secrets = secrets(infrastructure.dynamo(), KEY);
        String owner = owner();
        List<Callable<OwnerSecrets.Created>> adds = new ArrayList<>();
        IntStream.range(0, 14).forEach(i -> adds.add(() -> secrets.create(owner)));

        List<OwnerSecrets.Created> outcomes = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (var future : pool.invokeAll(adds)) {
                outcomes.add(future.get());
            }
        }

        assertThat(outcomes.stream().filter(OwnerSecrets.Created.New.class::isInstance))
                .hasSize(10);
        assertThat(outcomes.stream().filter(OwnerSecrets.Created.CapReached.class::isInstance))
                .hasSize(4);
        assertThat(secrets.list(owner)).hasSize(10);
        assertThat(secrets.create(owner)).isEqualTo(new OwnerSecrets.Created.CapReached(10));
    }
}
