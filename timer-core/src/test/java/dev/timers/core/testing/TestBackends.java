package dev.timers.core.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where the tests' RabbitMQ and DynamoDB are: the only place that decides it, for every test of every module.
 *
 * <p>Each one is given by the environment when its variable is set, as {@code ./test.sh} (and so CI) does:
 * {@code TIMERS_TEST_DYNAMODB_ENDPOINT} for the store, {@code SPRING_RABBITMQ_HOST} (with {@code
 * SPRING_RABBITMQ_PORT}, {@code _USERNAME}, {@code _PASSWORD}) for the broker. When it is not set and a Docker
 * engine answers, the tests start a container of their own for it, once per test JVM, through Testcontainers:
 * so that {@code mvn verify} (or an IDE) works on any machine with Docker. With neither, the first test that
 * needs it fails with a message that says what to do.
 *
 * <p>The containers' addresses reach the services as the same Spring properties as {@code ./test.sh}'s do
 * ({@link TestInfrastructure#properties()}), not through Spring Boot's {@code @ServiceConnection}: half of the
 * services under test are started by the tests themselves (in this JVM or in another, with command-line
 * properties), which a service connection, made for a test's own application context, would not reach.
 */
public final class TestBackends {

    static final String DYNAMODB_VARIABLE = "TIMERS_TEST_DYNAMODB_ENDPOINT";
    static final String RABBIT_HOST_VARIABLE = "SPRING_RABBITMQ_HOST";

    /** The same broker series as docker-compose.yml's; the tests need no plugin. */
    private static final String RABBITMQ_IMAGE = "rabbitmq:4.1-management";

    /** LocalStack's community image, DynamoDB only: each run starts empty, as a test wants. */
    private static final String LOCALSTACK_IMAGE = "localstack/localstack:4.4";

    private static final int LOCALSTACK_PORT = 4566;

    private TestBackends() {}

    public static URI dynamoEndpoint() {
        emulatorCredentials();
        String endpoint = env(DYNAMODB_VARIABLE);
        return endpoint != null ? URI.create(endpoint) : Containers.localstackEndpoint();
    }

    /**
     * The services under test find their DynamoDB credentials and region through the AWS SDK's default chain,
     * which {@code ./test.sh} fills with its environment. Without it, the emulator's (it takes any
     * credentials) are given as the SDK's system properties, in us-east-1 where the tests create their
     * tables; the tests never reach real AWS. {@link #awsSystemProperties()} hands them to test JVMs of
     * their own.
     */
    private static synchronized void emulatorCredentials() {
        if (env("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
        if (env("AWS_REGION") == null && System.getProperty("aws.region") == null) {
            System.setProperty("aws.region", "us-east-1");
        }
    }

    /** The SDK's system properties of this JVM, for a service started in a JVM of its own. */
    public static Map<String, String> awsSystemProperties() {
        emulatorCredentials();
        Map<String, String> properties = new TreeMap<>();
        for (String name : List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.region")) {
            String value = System.getProperty(name);
            if (value != null) {
                properties.put(name, value);
            }
        }
        return properties;
    }

    public static String rabbitHost() {
        String host = env(RABBIT_HOST_VARIABLE);
        return host != null ? host : Containers.rabbit().getHost();
    }

    public static int rabbitPort() {
        if (env(RABBIT_HOST_VARIABLE) != null) {
            String port = env("SPRING_RABBITMQ_PORT");
            return port != null ? Integer.parseInt(port) : 5672;
        }
        return Containers.rabbit().getAmqpPort();
    }

    public static String rabbitUsername() {
        return env(RABBIT_HOST_VARIABLE) != null ? envOr("SPRING_RABBITMQ_USERNAME", "guest") : "guest";
    }

    public static String rabbitPassword() {
        return env(RABBIT_HOST_VARIABLE) != null ? envOr("SPRING_RABBITMQ_PASSWORD", "guest") : "guest";
    }

    /**
     * What the broker's own tool answers, run where the broker is: in the tests' container, or on this machine
     * for a local broker. Empty when the tool is not there or fails (a broker on another machine, say).
     */
    public static Optional<String> rabbitmqctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(arguments));
        try {
            if (rabbitInContainer()) {
                var result = Containers.rabbit().execInContainer(command.toArray(String[]::new));
                return result.getExitCode() == 0 ? Optional.of(result.getStdout()) : Optional.empty();
            }
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean finished = process.waitFor(60, TimeUnit.SECONDS);
            return finished && process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** True when the broker is one the tests started in a container, not one of this machine's. */
    public static boolean rabbitInContainer() {
        return env(RABBIT_HOST_VARIABLE) == null;
    }

    private static String envOr(String name, String fallback) {
        String value = env(name);
        return value != null ? value : fallback;
    }

    /** A variable from the environment, or a system property of that name (an IDE's run configuration). */
    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The containers, started on first use (a run with both variables set never touches Docker) and stopped
     * when the JVM ends. Testcontainers' own reaper removes them too should the JVM be killed, where it runs.
     */
    private static final class Containers {

        private static RabbitMQContainer rabbit;
        private static GenericContainer<?> localstack;

        static synchronized RabbitMQContainer rabbit() {
            if (rabbit == null) {
                requireDocker("RabbitMQ", RABBIT_HOST_VARIABLE);
                var container = new RabbitMQContainer(DockerImageName.parse(RABBITMQ_IMAGE))
                        // Ready once every listener accepts connections, the check docker-compose.yml uses too;
                        // the module's default waits for a log line that depends on the image's log settings.
                        .waitingFor(Wait.forSuccessfulCommand("rabbitmq-diagnostics -q check_port_connectivity"))
                        .withStartupTimeout(Duration.ofMinutes(3));
                container.start();
                stopAtExit(container);
                rabbit = container;
                System.out.printf(
                        "Tests use RabbitMQ in a container (%s) at %s:%d%n",
                        RABBITMQ_IMAGE, container.getHost(), container.getAmqpPort());
            }
            return rabbit;
        }

        static synchronized URI localstackEndpoint() {
            if (localstack == null) {
                requireDocker("DynamoDB", DYNAMODB_VARIABLE);
                // A plain container rather than Testcontainers' LocalStack module: that one starts LocalStack
                // through a script of its own and mounts the Docker socket for Lambda, and DynamoDB needs neither.
                GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(LOCALSTACK_IMAGE))
                        .withEnv("SERVICES", "dynamodb")
                        .withExposedPorts(LOCALSTACK_PORT)
                        // LocalStack prints this line once its services (and ready hooks) are up.
                        .waitingFor(Wait.forLogMessage(".*Ready\\.\\s*", 1))
                        .withStartupTimeout(Duration.ofMinutes(3));
                container.start();
                stopAtExit(container);
                localstack = container;
                System.out.printf(
                        "Tests use DynamoDB in a container (%s) at %s%n", LOCALSTACK_IMAGE, endpointOf(container));
            }
            return endpointOf(localstack);
        }

        private static URI endpointOf(GenericContainer<?> container) {
            return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(LOCALSTACK_PORT));
        }

        private static void requireDocker(String what, String variable) {
            boolean docker;
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                docker = false;
            }
            if (!docker) {
                throw new IllegalStateException("No " + what + " for the tests: " + variable
                        + " is not set and no Docker engine answers (or Testcontainers could not use it: see its"
                        + " log above). Run the tests with ./test.sh (it starts"
                        + " dynalite and uses this machine's RabbitMQ), set TIMERS_TEST_DYNAMODB_ENDPOINT and"
                        + " SPRING_RABBITMQ_HOST to a store and a broker of your own, or start Docker: the tests"
                        + " then start both in containers.");
            }
        }

        private static void stopAtExit(GenericContainer<?> container) {
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-" + container.getDockerImageName()));
        }
    }
}
