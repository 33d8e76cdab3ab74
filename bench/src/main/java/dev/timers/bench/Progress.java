package dev.timers.bench;

import java.time.Duration;
import java.util.Locale;

/** One line per step on standard output, with the time since the run began, so a long run shows it is alive. */
final class Progress {

    private final long started = System.nanoTime();

    void say(String format, Object... args) {
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.printf(
                Locale.ROOT, "[%3d:%02d] %s%n", seconds / 60, seconds % 60, String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
