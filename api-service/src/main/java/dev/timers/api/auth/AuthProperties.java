package dev.timers.api.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the API ({@code timers.api.*}).
 *
 * @param auth {@code api-key} (the default) or {@code none}, where every request is the anonymous owner
 * @param keys API keys given in configuration ({@code timers.api.keys[0].name}, {@code .owner},
 *     {@code .sha256})
 * @param keysFile a file of further keys, one a line: {@code <name> <owner> <sha256>}, separated by spaces;
 *     blank lines and lines starting with {@code #} are skipped. Read once at start-up
 */
@Validated
@ConfigurationProperties("timers.api")
public record AuthProperties(
        @DefaultValue("api-key") @NotNull AuthMode auth,
        @DefaultValue List<@Valid ApiKey> keys,
        Path keysFile) {}
