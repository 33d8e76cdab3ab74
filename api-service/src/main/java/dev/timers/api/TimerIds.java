package dev.timers.api;

import java.util.UUID;
import java.util.regex.Pattern;

/** Timer ids are UUIDs in their canonical 36-character form; anything else is a client error. */
final class TimerIds {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private TimerIds() {}

    static UUID parse(String id) {
        if (!CANONICAL.matcher(id).matches()) {
            throw new InvalidTimerException("id", "'" + Violations.abbreviate(id) + "' is not a timer id (a UUID)");
        }
        return UUID.fromString(id);
    }
}
