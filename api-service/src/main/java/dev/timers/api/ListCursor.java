package dev.timers.api;

import dev.timers.core.store.TimerPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque {@code cursor} of a list: where the next page starts, as base64url text. It names no owner (the
 * caller's key decides whose timers are listed), so a cursor cannot reach another owner's timers.
 */
final class ListCursor {

    private ListCursor() {}

    static String encode(TimerPage.After after) {
        String plain = after.createdAt().toEpochMilli() + ":" + after.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static TimerPage.After decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new TimerPage.After(
                    Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
                    UUID.fromString(plain.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new InvalidTimerException(
                    "cursor",
                    "cursor: not a cursor this service gave out; pass nextCursor from the previous page as it is");
        }
    }
}
