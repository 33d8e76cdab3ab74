package dev.timers.core.secrets;

import dev.timers.core.TimersProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The owners' signing secrets: their store in the timers table and the cipher of the configured key. A key that
 * is set but malformed stops start-up (its message never shows the key); no key at all is allowed and logged.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
public class SecretsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

    @Bean
    SigningSecretStore signingSecretStore(DynamoDbClient dynamo, TimersProperties properties) {
        return new SigningSecretStore(dynamo, properties.table());
    }

    @Bean
    OwnerSecrets ownerSecrets(SigningSecretStore store, SecretsProperties properties, Clock clock) {
        var random = new SecureRandom();
        Optional<SecretCipher> cipher = properties.encryptionKey().isBlank()
                ? Optional.empty()
                : Optional.of(SecretCipher.of(properties.encryptionKey(), random));
        if (cipher.isEmpty()) {
            log.warn(
                    "No {} is set: owners cannot make signing secrets, and stored ones cannot be opened",
                    SecretCipher.SETTING);
        }
        return new OwnerSecrets(store, cipher, properties.maxPerOwner(), clock, random);
    }
}
