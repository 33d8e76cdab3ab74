package dev.timers.api;

/** A request that is well-formed JSON but does not describe a timer we can keep. */
class InvalidTimerException extends RuntimeException {

    private final String field;

    InvalidTimerException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
