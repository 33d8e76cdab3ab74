package dev.timers.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The local stack has no API keys, so what it runs must be reachable from this machine only unless the operator
 * opens it: every port compose publishes is on {@code TIMERS_BIND_ADDRESS}, 127.0.0.1 by default, and the
 * native stack binds its services and its store to it too.
 */
class LocalExposureTest {

    private static final Path ROOT = Path.of("..");
    private static final String BIND = "${TIMERS_BIND_ADDRESS:-127.0.0.1}:";

    @Test
    @SuppressWarnings("unchecked")
    void composePublishesEveryPortOnTheBindAddressOnly() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        List<String> published = new ArrayList<>();
        ((Map<String, Map<String, Object>>) compose.get("services")).forEach((name, service) -> {
            for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                published.add(name + " " + port);
            }
        });

        assertThat(published)
                .as("the published ports")
                .anySatisfy(port -> assertThat(port).startsWith("api-service "))
                .allSatisfy(port ->
                        assertThat(port.substring(port.indexOf(' ') + 1)).startsWith(BIND));
    }

    @Test
    void theNativeStackBindsItsServicesAndItsStoreToTheBindAddress() throws IOException {
        String setup = Files.readString(ROOT.resolve("setup.sh"));
        String lib = Files.readString(ROOT.resolve("scripts/lib.sh"));

        assertThat(setup).contains("export TIMERS_BIND_ADDRESS=\"${TIMERS_BIND_ADDRESS:-127.0.0.1}\"");
        // Every java the script starts is given the address for both its ports.
        var starts = Pattern.compile("(?m)^.*\\bnohup \"\\$JAVA_HOME/bin/java\".*$")
                .matcher(setup)
                .results()
                .map(match -> match.group())
                .toList();
        assertThat(starts)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line)
                        .contains("SERVER_ADDRESS=\"$TIMERS_BIND_ADDRESS\"")
                        .contains("MANAGEMENT_SERVER_ADDRESS=\"$TIMERS_BIND_ADDRESS\""));
        assertThat(lib).containsPattern("dynalite\" --host 127\\.0\\.0\\.1 ");
    }
}
