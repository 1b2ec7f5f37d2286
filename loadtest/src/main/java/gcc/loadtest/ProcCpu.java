package gcc.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
