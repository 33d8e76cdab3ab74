package dev.timers.api;

import java.util.UUID;

class TimerNotFoundException extends RuntimeException {

    TimerNotFoundException(UUID id) {
        super("No timer with id " + id);
    }
}
