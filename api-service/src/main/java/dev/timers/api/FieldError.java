package dev.timers.api;

/**
 * One field of a request that was wrong, and why.
 *
 * @param field the field's path in the request ({@code retry.schedule[1]}, {@code headers.Host})
 * @param message what is wrong with it, naming the field
 */
public record FieldError(String field, String message) {}
