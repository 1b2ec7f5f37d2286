import org.HdrHistogram.Histogram;

import java.util.concurrent.locks.LockSupport;

/**
 * How long this machine keeps a thread that asked to wake up waiting past its time: a thread
 * sleeps a fixed interval over and over and records each overshoot (jHiccup's idea, nothing
 * else running in the process). On an idle machine it shows the host's own stalls, the floor
 * under every server's tail latency; run it beside a load test to see the stalls the load adds.
 *
 * <p>usage: java -cp "loadtest/target/lib/*" loadtest/tools/Hiccups.java [SECONDS [INTERVAL_US [LIST_OVER_US]]]
 */
public final class Hiccups {
    public static void main(String[] args) {
        if (args.length > 3 || (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")))) {
            System.out.println("usage: java -cp \"loadtest/target/lib/*\" loadtest/tools/Hiccups.java [SECONDS [INTERVAL_US [LIST_OVER_US]]]\n"
                    + "sleeps INTERVAL_US (default 1000) over and over for SECONDS (default 60) and prints, per 10 s\n"
                    + "and for the whole run, how far past its time each wake-up came: count, p50, p99, p99.9, max (us),\n"
                    + "and how many wake-ups were more than 1 ms and more than 10 ms late; with LIST_OVER_US, also each\n"
                    + "wake-up later than that, as it happens: its wall-clock time (ms since the epoch) and how late (us),\n"
                    + "so two meters pinned to different cores (taskset -c N) show whether a stall hit both at once");
            System.exit(args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
        }
        long seconds;
        long intervalUs;
        long listOverUs;
        try {
            seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
            intervalUs = args.length > 1 ? Long.parseLong(args[1]) : 1000;
            listOverUs = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
            System.err.println("SECONDS, INTERVAL_US and LIST_OVER_US must be whole numbers: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (seconds < 1 || seconds > 86_400 || intervalUs < 10 || intervalUs > 1_000_000 || listOverUs < 1) {
            System.err.println("SECONDS must be 1..86400, INTERVAL_US 10..1000000 and LIST_OVER_US at least 1");
            System.exit(2);
        }
        Histogram all = new Histogram(3_600_000_000L, 3);
        Histogram window = new Histogram(3_600_000_000L, 3);
        long[] late = new long[2];
        long[] windowLate = new long[2];
        long intervalNs = intervalUs * 1000;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long windowEnd = start + 10_000_000_000L;
        System.out.println("window_s count p50_us p99_us p999_us max_us over_1ms over_10ms");
        for (long now = start; now < end; ) {
            long before = System.nanoTime();
            LockSupport.parkNanos(intervalNs);
            now = System.nanoTime();
            long overUs = Math.max(0, (now - before - intervalNs) / 1000);
            all.recordValue(overUs);
            if (overUs > listOverUs) {
                System.out.printf("late %d %d%n", System.currentTimeMillis(), overUs);
            }
            window.recordValue(overUs);
            if (overUs > 1_000) {
                late[0]++;
                windowLate[0]++;
            }
            if (overUs > 10_000) {
                late[1]++;
                windowLate[1]++;
            }
            if (now >= windowEnd || now >= end) {
                print(String.valueOf((windowEnd - start) / 1_000_000_000L - 10), window, windowLate);
                window.reset();
                windowLate[0] = 0;
                windowLate[1] = 0;
                windowEnd += 10_000_000_000L;
            }
        }
        print("all", all, late);
    }

    private static void print(String label, Histogram h, long[] late) {
        System.out.printf("%s %d %d %d %d %d %d %d%n", label, h.getTotalCount(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), late[0], late[1]);
    }
}
