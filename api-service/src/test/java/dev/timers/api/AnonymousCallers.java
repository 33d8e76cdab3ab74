package dev.timers.api;

import org.springframework.test.context.DynamicPropertyRegistry;

/** For API tests that are not about API keys or rate limits: every request is the anonymous owner, unlimited. */
final class AnonymousCallers {

    private AnonymousCallers() {}

    static void register(DynamicPropertyRegistry registry) {
        registry.add("timers.api.auth", () -> "none");
        registry.add("timers.api.rate-limit.enabled", () -> "false");
    }
}
