package dev.timers.api;

import java.util.ArrayList;
import java.util.List;

/** Collects what is wrong with a request, so that one answer names every wrong field, not just the first. */
final class Violations {

    private final List<FieldError> errors = new ArrayList<>();

    /** A client's text as a message quotes it: at most 40 characters, so an answer never echoes a huge value. */
    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws {@link InvalidTimerException} naming every violation, if there was any. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidTimerException(errors);
        }
    }
}
