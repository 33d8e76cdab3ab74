package dev.timers.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The known API keys, held only as SHA-256 digests. A presented key is hashed and compared with every digest
 * in constant time, so neither the answer's timing nor a leaked configuration gives a key away.
 */
public final class ApiKeys {

    private record Entry(ApiKey key, byte[] digest) {}

    private final List<Entry> entries;

    private ApiKeys(List<ApiKey> keys) {
        var names = new HashSet<String>();
        this.entries = keys.stream()
                .peek(key -> {
                    if (!names.add(key.name())) {
                        throw new IllegalStateException("API key name '" + key.name() + "' is configured twice");
                    }
                })
                .map(key -> new Entry(key, HexFormat.of().parseHex(key.sha256().toLowerCase())))
                .toList();
    }

    /** The keys of the configuration and of the keys file, if one is set. */
    public static ApiKeys from(AuthProperties properties) {
        List<ApiKey> keys = new ArrayList<>(properties.keys());
        if (properties.keysFile() != null) {
            keys.addAll(ApiKeysFile.read(properties.keysFile()));
        }
        return new ApiKeys(keys);
    }

    static ApiKeys of(List<ApiKey> keys) {
        return new ApiKeys(keys);
    }

    /** The key whose digest matches, if any. Every digest is compared, whichever matches. */
    public Optional<ApiKey> match(String presented) {
        byte[] digest = sha256(presented);
        ApiKey found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.key();
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return entries.size();
    }

    /** The hex SHA-256 of a key, as it is configured. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Reads the keys file format: {@code <name> <owner> <sha256>} a line, {@code #} comments. */
    static final class ApiKeysFile {

        private ApiKeysFile() {}

        static List<ApiKey> read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the API keys file " + file, e);
            }
            List<ApiKey> keys = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\\s+");
                if (fields.length != 3 || !fields[2].matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalStateException(file + " line " + (i + 1)
                            + ": expected '<name> <owner> <sha256>' with a 64-digit hexadecimal SHA-256");
                }
                keys.add(new ApiKey(fields[0], fields[1], fields[2]));
            }
            return keys;
        }
    }
}
