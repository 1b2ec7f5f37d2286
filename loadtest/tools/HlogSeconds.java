import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Per-interval latency of a load test's HdrHistogram interval log (decision.hlog: one interval a
 * second): count, p50, p90, p99 and max in microseconds, one line per interval. How
 * docs/performance.md found that every second of a run had its own stall.
 *
 * <p>usage: java -cp "loadtest/target/lib/*" loadtest/tools/HlogSeconds.java RESULTS/decision.hlog
 */
public final class HlogSeconds {
    public static void main(String[] args) throws Exception {
        if (args.length != 1 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("usage: java -cp \"loadtest/target/lib/*\" loadtest/tools/HlogSeconds.java DECISION_HLOG\n"
                    + "prints each interval's start (s since the log's start), count, p50, p90, p99 and max (us)");
            System.exit(args.length == 1 ? 0 : 2);
        }
        HistogramLogReader reader = new HistogramLogReader(args[0]);
        System.out.println("start_s count p50_us p90_us p99_us max_us");
        Double first = null;
        for (EncodableHistogram e; (e = reader.nextIntervalHistogram()) != null; ) {
            Histogram h = (Histogram) e;
            double start = h.getStartTimeStamp() / 1000.0;
            first = first == null ? start : first;
            System.out.printf("%.0f %d %d %d %d %d%n", start - first, h.getTotalCount(), h.getValueAtPercentile(50),
                    h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue());
        }
    }
}
