package dev.timers.api.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * One API key as configured: never the key itself, only the SHA-256 of its UTF-8 bytes.
 *
 * @param name names the key in logs and rate limits (each key has its own bucket); unique
 * @param owner who the key acts for: timers created with it belong to this owner, and keys of the same owner
 *     see the same timers
 * @param sha256 the key's SHA-256 digest, 64 hexadecimal digits ({@code printf %s "$KEY" | sha256sum})
 */
public record ApiKey(
        @NotBlank String name,
        @NotBlank String owner,

        @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hexadecimal digits (a SHA-256)")
        String sha256) {}
