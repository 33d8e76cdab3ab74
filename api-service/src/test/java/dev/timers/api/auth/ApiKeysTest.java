package dev.timers.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys from configuration and from the keys file, known only by their SHA-256. */
class ApiKeysTest {

    @TempDir
    Path folder;

    @Test
    void readsTheKeysFileAndMatchesAKeyByItsDigest() throws Exception {
        Path file = folder.resolve("keys");
        Files.writeString(file, """
                # name  owner   sha256
                billing team-a  %s

                reports team-b  %s
                """.formatted(ApiKeys.sha256Hex("secret-1"), ApiKeys.sha256Hex("secret-2")));
        var configured =
                new ApiKey("ops", "team-c", ApiKeys.sha256Hex("secret-3").toUpperCase());

        var keys = ApiKeys.from(new AuthProperties(AuthMode.API_KEY, List.of(configured), file));

        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.match("secret-1")).map(ApiKey::owner).hasValue("team-a");
        assertThat(keys.match("secret-2")).map(ApiKey::name).hasValue("reports");
        assertThat(keys.match("secret-3")).map(ApiKey::owner).hasValue("team-c");
        assertThat(keys.match("secret-4")).isEmpty();
        assertThat(keys.match(ApiKeys.sha256Hex("secret-1"))).isEmpty();
    }

    @Test
    void aMalformedLineStopsStartUpNamingTheLine() throws Exception {
        Path file = folder.resolve("keys");
        Files.writeString(file, "good team %s\nbad team not-a-digest\n".formatted(ApiKeys.sha256Hex("x")));

        assertThatThrownBy(() -> ApiKeys.from(new AuthProperties(AuthMode.API_KEY, List.of(), file)))
                .hasMessageContaining("line 2");
    }

    @Test
    void aKeyNameUsedTwiceIsRefused() {
        var one = new ApiKey("same", "a", ApiKeys.sha256Hex("1"));
        var two = new ApiKey("same", "b", ApiKeys.sha256Hex("2"));

        assertThatThrownBy(() -> ApiKeys.of(List.of(one, two))).hasMessageContaining("'same'");
    }
}
