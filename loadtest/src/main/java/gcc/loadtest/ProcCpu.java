package gcc.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time a process has used, from {@code /proc/<pid>/stat}: user plus system time of every
 * thread, in clock ticks (utime and stime, fields 14 and 15), converted to microseconds. Read
 * before and after a run, the difference divided by the requests sent is what one request cost the
 * process, whatever its threads did for it (event loops, workers, GC, timers).
 */
final class ProcCpu {
    /** USER_HZ: the unit of utime and stime. Linux has reported 100 to user space on every architecture since 2.6. */
    static final long TICKS_PER_SECOND = 100;

    private ProcCpu() {
    }

    /** CPU microseconds process {@code pid} has used so far, or -1 when /proc cannot tell (not Linux, process gone). */
    static long micros(long pid) {
        try {
            return micros(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Parses one {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and
     * may hold spaces and parentheses itself, so fields are counted from the last ')'.
     */
    static long micros(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3]: utime 14 -> f[11], stime 15 -> f[12]
        if (f.length < 13) {
            throw new IllegalArgumentException("/proc/<pid>/stat line too short: " + stat);
        }
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1_000_000 / TICKS_PER_SECOND;
    }

    /**
     * CPU microseconds per thread group of process {@code pid}: threads are grouped by their name
     * ({@code /proc/<pid>/task/<tid>/comm}) with numbers and separators at its end dropped, so two
     * event loops, two verify workers or the GC threads each sum into one line. Empty when /proc
     * cannot tell. Threads that ended between two readings drop out of the later one, so a group's
     * difference is a lower bound.
     */
    static Map<String, Long> microsByThreadGroup(long pid) {
        Map<String, Long> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(t -> {
                try {
                    String name = group(Files.readString(t.resolve("comm")).trim());
                    groups.merge(name, micros(Files.readString(t.resolve("stat"))), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we listed it
                }
            });
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return groups;
    }

    /** A thread's group: its name without the trailing number ("gcc-verify-2", "GC Thread#1", "C2 CompilerThre"). */
    static String group(String threadName) {
        int end = threadName.length();
        while (end > 0 && (Character.isDigit(threadName.charAt(end - 1)) || "-#_ ".indexOf(threadName.charAt(end - 1)) >= 0)) {
            end--;
        }
        return end == 0 ? threadName : threadName.substring(0, end);
    }
}
