package dev.timers.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * How much of the machine each process of the run used during a scenario, in cores (CPU seconds / wall seconds,
 * from {@code /proc/<pid>/stat}), and the machine as a whole (from {@code /proc/stat}). On a 2-core machine this
 * says which process a scenario waited on: a process near 1.0 that cannot use more than one core (dynalite is one
 * Node.js event loop) is the limit, whatever the others do.
 */
final class CpuUse {

    /** Clock ticks per second of {@code /proc}'s CPU times; 100 on every Linux this runs on. */
    private static final double TICKS_PER_S = 100.0;

    private final Map<String, Supplier<OptionalLong>> processes = new LinkedHashMap<>();

    /** Adds a process, found again at every reading (the consumer is restarted in the outage scenario). */
    CpuUse watch(String name, Supplier<OptionalLong> pid) {
        processes.put(name, pid);
        return this;
    }

    /** CPU times now, to pass to {@link #since}. */
    Reading read() {
        var ticks = new LinkedHashMap<String, Long>();
        processes.forEach((name, pid) ->
                pid.get().ifPresent(p -> processTicks(p).ifPresent(t -> ticks.put(name, t))));
        return new Reading(System.nanoTime(), ticks, machineBusyTicks());
    }

    /** Cores used by each process and by the whole machine between {@code start} and now. */
    Map<String, Object> since(Reading start) {
        Reading end = read();
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        var out = new LinkedHashMap<String, Object>();
        if (seconds <= 0) {
            return out;
        }
        end.ticks().forEach((name, ticks) -> {
            Long before = start.ticks().get(name);
            // A process restarted in between has counted from zero again: its own ticks are all new.
            long used = before == null || before > ticks ? ticks : ticks - before;
            out.put(name, Numbers.round2(used / TICKS_PER_S / seconds));
        });
        if (start.machineBusy() >= 0 && end.machineBusy() >= start.machineBusy()) {
            out.put("machine", Numbers.round2((end.machineBusy() - start.machineBusy()) / TICKS_PER_S / seconds));
        }
        return out;
    }

    record Reading(long nanos, Map<String, Long> ticks, long machineBusy) {}

    /** utime + stime of a process and of its threads; empty when it is gone. */
    static OptionalLong processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may hold spaces and parentheses: the fields start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Busy ticks of every core together (all but idle and iowait); -1 when /proc/stat cannot be read. */
    static long machineBusyTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] fields = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The pid recorded in a pid file, if it holds one. */
    static OptionalLong pidFile(Path file) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
