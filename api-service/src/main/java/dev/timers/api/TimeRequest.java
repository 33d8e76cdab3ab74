package dev.timers.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * When a timer fires, in one of three forms: the classic {@code hours}/{@code minutes}/{@code seconds}, an
 * ISO-8601 {@code delay} ({@code PT1H30M}), or an ISO-8601 {@code fireAt} instant with an offset. It is also the
 * whole body of {@code PATCH /timers/{id}}.
 */
@Schema(description = "When the timer fires, in exactly one of three forms: none, or two at once, is a `400`.")
record TimeRequest(
        @Schema(description = HOURS, minimum = "0") Long hours,
        @Schema(description = MINUTES, minimum = "0") Long minutes,
        @Schema(description = SECONDS, minimum = "0") Long seconds,
        @Schema(description = DELAY, example = "PT1H30M") String delay,

        @Schema(description = FIRE_AT, format = "date-time", example = "2030-01-01T09:00:00Z")
        String fireAt) {

    static final String HOURS =
            "Classic form: hours from now, a non-negative whole number (default 0); `1.5`, `\"5\"` are refused.";
    static final String MINUTES = "Classic form: minutes from now, a non-negative whole number (default 0).";
    static final String SECONDS = "Classic form: seconds from now, a non-negative whole number (default 0).";
    static final String DELAY = "An ISO-8601 duration from now (`PT30S`, `P2DT3H`): at least 1 s, at most 10 years.";
    static final String FIRE_AT = "An ISO-8601 instant with an offset (or `Z`), at most 10 years ahead; up to 10 s in"
            + " the past it is due at once, further in the past is a `400`.";

    boolean isClassic() {
        return hours != null || minutes != null || seconds != null;
    }
}
