package dev.timers.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Body of {@code POST /timers}: the delay as hours, minutes and seconds (each optional, default 0, whole and
 * non-negative) and the URL to call when it has passed. Unknown fields, fractions and numbers in strings are
 * refused by the JSON settings of this service rather than guessed at.
 */
record CreateTimerRequest(
        @PositiveOrZero Long hours,
        @PositiveOrZero Long minutes,
        @PositiveOrZero Long seconds,
        @NotBlank String url) {}
