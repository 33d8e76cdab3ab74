package dev.timers.core;

import dev.timers.core.delay.DelayMode;
import dev.timers.core.delay.QueueType;
import dev.timers.core.targets.AllowedHosts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by both services ({@code timers.*}).
 *
 * @param table the DynamoDB table that holds one item per timer
 * @param dynamodb where DynamoDB is; no endpoint means the AWS SDK's default chain (real AWS)
 * @param delay how the delayed exchange is built on the broker
 * @param horizon only timers due within this window are ever in the broker; later ones wait in the store
 * @param publishConfirmTimeout how long a publish waits for the broker's confirm before it counts as failed
 * @param targets which webhook targets may be called (the guard against server-side request forgery)
 * @param retention how long a finished timer (delivered, failed, skipped, cancelled) stays in the table, counted
 *     from the write that ended it; then DynamoDB's time to live removes it, where the table has it enabled
 */
@Validated
@ConfigurationProperties("timers")
public record TimersProperties(
        @DefaultValue("timers") @NotBlank String table,
        @DefaultValue @Valid DynamoDb dynamodb,
        @DefaultValue @Valid Delay delay,
        @DefaultValue("15m") @NotNull Duration horizon,
        @DefaultValue("5s") @NotNull Duration publishConfirmTimeout,
        @DefaultValue @Valid Targets targets,
        @DefaultValue("30d") @NotNull Duration retention) {

    public TimersProperties {
        if (retention != null && !retention.isPositive()) {
            throw new IllegalArgumentException("timers.retention must be positive, not " + retention);
        }
    }

    /**
     * @param endpoint override for local emulators (dynalite, LocalStack); empty for real AWS
     * @param region AWS region; empty means the SDK's default chain (us-east-1 when an endpoint is set)
     */
    public record DynamoDb(URI endpoint, String region) {}

    /**
     * @param mode {@code auto} (the plugin where the broker has it, else the ladder), {@code ladder} or {@code
     *     plugin}
     * @param prefix prefix of every exchange and queue name, so several deployments can share a broker
     * @param base digit base of the ladder: one queue per non-zero digit and level
     * @param levels number of ladder levels; the longest delay is {@code base^levels - 1} ms
     * @param queues {@code quorum} (replicated, hops confirmed; RabbitMQ 3.10+) or {@code classic} (one node; for
     *     brokers without quorum queues); every instance of a deployment must use the same
     * @param early how long before its time a wake-up may leave the ladder; the consumer holds it until its time,
     *     so the broker's last hops (a few milliseconds each) end before the time instead of after it. Zero
     *     routes every delay to the millisecond. At most {@link #MAX_EARLY}, the longest a consumer holds a
     *     wake-up that came early
     */
    public record Delay(
            @DefaultValue("auto") @NotNull DelayMode mode,
            @DefaultValue("timers") @NotBlank String prefix,
            @DefaultValue("16") @Min(2) @Max(36) int base,
            @DefaultValue("5") @Min(1) @Max(32) int levels,
            @DefaultValue("quorum") @NotNull QueueType queues,
            @DefaultValue("400ms") @NotNull Duration early) {

        /** The longest a consumer holds a wake-up that came before its time. */
        public static final Duration MAX_EARLY = Duration.ofSeconds(5);

        public Delay {
            if (early != null && (early.isNegative() || early.compareTo(MAX_EARLY) > 0)) {
                throw new IllegalArgumentException(
                        "timers.delay.early must be between 0 and " + MAX_EARLY + ", not " + early);
            }
        }
    }

    /**
     * Which targets may be called. By default only publicly routable addresses, on any port.
     *
     * @param allowPrivate let targets reach loopback, private (10/8, 172.16/12, 192.168/16), shared (100.64/10)
     *     and unique local (fc00::/7) addresses: for a local stack, never for production. It does not open
     *     link-local addresses (169.254/16, where cloud metadata lives, and fe80::/10); only {@code
     *     allowed-hosts} does. Cloud metadata addresses and the reserved ports are never opened, by either
     * @param allowedHosts targets let through whatever their addresses: host names ({@code hooks.internal}),
     *     host and port ({@code hooks.internal:8443}) or address blocks ({@code 10.1.0.0/16}, {@code fd00::5})
     * @param allowedPorts the only ports targets may use; empty means any
     * @param reservedPorts ports never called on this machine's own addresses (loopback and unspecified), where
     *     Timers' own services listen; the service's own ports (server, management, a broker or store on
     *     loopback) are added to them. Unset means {@link #DEFAULT_RESERVED_PORTS}
     * @param resolveTimeout how long the guard waits for a host name to resolve; a name that takes longer is
     *     refused at creation and retried at a call
     */
    public record Targets(
            @DefaultValue("false") boolean allowPrivate,
            List<String> allowedHosts,
            List<@Min(1) @Max(65535) Integer> allowedPorts,
            List<@Min(1) @Max(65535) Integer> reservedPorts,
            @DefaultValue("3s") Duration resolveTimeout) {

        /**
         * The ports of a local stack's own services ({@code ./setup.sh} and docker-compose): the API and the
         * consumer (8080, 8081) and their management ports (9080, 9081), RabbitMQ's AMQP and management ports
         * (5672, 15672), dynalite (8000) and LocalStack (4566).
         */
        public static final List<Integer> DEFAULT_RESERVED_PORTS =
                List.of(4566, 5672, 8000, 8080, 8081, 9080, 9081, 15672);

        public static final Duration DEFAULT_RESOLVE_TIMEOUT = Duration.ofSeconds(3);

        public Targets {
            allowedHosts = allowedHosts == null
                    ? List.of()
                    : allowedHosts.stream()
                            .map(String::strip)
                            .filter(entry -> !entry.isEmpty())
                            .toList();
            allowedPorts = allowedPorts == null ? List.of() : List.copyOf(allowedPorts);
            reservedPorts = reservedPorts == null ? DEFAULT_RESERVED_PORTS : List.copyOf(reservedPorts);
            resolveTimeout = resolveTimeout == null ? DEFAULT_RESOLVE_TIMEOUT : resolveTimeout;
            if (!resolveTimeout.isPositive()) {
                throw new IllegalArgumentException(
                        "timers.targets.resolve-timeout must be positive, not " + resolveTimeout);
            }
            // Fails start-up with the entry that is wrong, rather than ignoring it.
            AllowedHosts.parse(allowedHosts);
        }
    }
}
