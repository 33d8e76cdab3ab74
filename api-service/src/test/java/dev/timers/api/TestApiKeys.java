package dev.timers.api;

import dev.timers.api.auth.ApiKeys;
import org.springframework.test.context.DynamicPropertyRegistry;

/** API keys for integration tests: authentication on, and each key configured by its hash only. */
public final class TestApiKeys {

    /** One key: the secret a client sends, its name and its owner. */
    public record Key(String secret, String name, String owner) {

        public String bearer() {
            return "Bearer " + secret;
        }
    }

    private TestApiKeys() {}

    public static void register(DynamicPropertyRegistry registry, Key... keys) {
        registry.add("timers.api.auth", () -> "api-key");
        for (int i = 0; i < keys.length; i++) {
            Key key = keys[i];
            String prefix = "timers.api.keys[" + i + "].";
            registry.add(prefix + "name", key::name);
            registry.add(prefix + "owner", key::owner);
            registry.add(prefix + "sha256", () -> ApiKeys.sha256Hex(key.secret()));
        }
    }
}
