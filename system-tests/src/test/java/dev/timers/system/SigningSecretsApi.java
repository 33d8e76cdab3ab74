package dev.timers.system;

import com.jayway.jsonpath.JsonPath;
import dev.timers.api.auth.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The API of a {@link TimersCluster} as owners with API keys use it: their signing secrets and their timers.
 * Each key is {@code <owner>-key} of owner {@code <owner>}.
 */
final class SigningSecretsApi {

    private static final HttpClient http = HttpClient.newHttpClient();

    private final TimersCluster cluster;

    SigningSecretsApi(TimersCluster cluster) {
        this.cluster = cluster;
    }

    /** API keys on, one key per owner. */
    static Map<String, String> keysFor(String... owners) {
        var settings = new HashMap<String, String>();
        settings.put("timers.api.auth", "api-key");
        for (int i = 0; i < owners.length; i++) {
            settings.put("timers.api.keys[" + i + "].name", owners[i]);
            settings.put("timers.api.keys[" + i + "].owner", owners[i]);
            settings.put("timers.api.keys[" + i + "].sha256", ApiKeys.sha256Hex(keyOf(owners[i])));
        }
        return settings;
    }

    private static String keyOf(String owner) {
        return owner + "-key";
    }

    /** The secret's id and its value. */
    record Secret(String id, String value) {}

    Secret makeSecret(String owner) {
        var response = send(owner, "POST", "/signing-secrets", "{}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /signing-secrets answered " + response.statusCode());
        }
        return new Secret(JsonPath.read(response.body(), "$.id"), JsonPath.read(response.body(), "$.secret"));
    }

    HttpResponse<String> deleteSecret(String owner, String id) {
        return send(owner, "DELETE", "/signing-secrets/" + id, null);
    }

    UUID createTimer(String owner, String timeField, URI url) {
        var response = send(owner, "POST", "/timers", "{" + timeField + ",\"url\":\"" + url + "\"}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
        }
        return UUID.fromString(JsonPath.read(response.body(), "$.id"));
    }

    String timer(String owner, UUID id) {
        return send(owner, "GET", "/timers/" + id, null).body();
    }

    private HttpResponse<String> send(String owner, String method, String path, String body) {
        var request = HttpRequest.newBuilder(cluster.apiUri(path))
                .header("Authorization", "Bearer " + keyOf(owner))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
