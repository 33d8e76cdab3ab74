package dev.timers.api;

import java.util.List;

/** A request that is well-formed JSON but does not describe a timer we can keep; it names every wrong field. */
class InvalidTimerException extends RuntimeException {

    private final List<FieldError> errors;

    InvalidTimerException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    InvalidTimerException(List<FieldError> errors) {
        super(String.join("; ", errors.stream().map(FieldError::message).toList()));
        this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
        return errors;
    }
}
