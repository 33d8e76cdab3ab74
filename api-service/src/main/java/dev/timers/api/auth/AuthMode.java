package dev.timers.api.auth;

/** How the API knows who is calling ({@code timers.api.auth}). */
public enum AuthMode {
    /** Every request is the anonymous owner; for a local stack only. */
    NONE,
    /** Every request to the API carries {@code Authorization: Bearer <key>} of a configured key. */
    API_KEY
}
