package gcc.loadtest;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs one open-loop load against a target, sampling the latency recorder every second for the
 * progress line, the throughput-over-time series and (optionally) an HdrHistogram interval log.
 */
final class Runner {
    private Runner() {
    }

    static RunResult run(String name, OpenLoop.Target target, double rate, double warmupSeconds, double seconds,
                         HistogramLogWriter log, PrintStream progress) throws InterruptedException {
        OpenLoop loop = new OpenLoop();
        Histogram total = new Histogram(1, TimeUnit.SECONDS.toMicros(60), 3);
        List<Long> perSecond = new ArrayList<>();
        long[] sent = new long[1];
        Thread sender = new Thread(() -> sent[0] = loop.run(target, rate, (long) (warmupSeconds * 1e9), (long) (seconds * 1e9),
                TimeUnit.SECONDS.toNanos(5)), "gcc-load-" + name);
        long start = System.currentTimeMillis();
        if (log != null) {
            log.outputStartTime(start);
            log.outputLegend();
        }
        sender.start();
        Histogram interval = null;
        long measuredStart = start + (long) (warmupSeconds * 1000);
        while (sender.isAlive()) {
            sender.join(1000);
            interval = loop.recorder().getIntervalHistogram(interval);
            if (System.currentTimeMillis() > measuredStart + 500 && interval.getTotalCount() > 0) {
                total.add(interval);
                perSecond.add(interval.getTotalCount());
                if (log != null) {
                    log.outputIntervalHistogram(interval);
                }
            }
            if (progress != null) {
                progress.printf(Locale.ROOT, "\r%-12s %7d req/s  p50 %6d us  p99 %7d us  errors %d  in flight %d     ", name,
                        interval.getTotalCount(), interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(50),
                        interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99), loop.errors(), loop.outstanding());
            }
        }
        interval = loop.recorder().getIntervalHistogram(interval);
        total.add(interval);
        if (progress != null) {
            progress.println();
        }
        return new RunResult(name, rate, seconds, sent[0], loop.completed(), loop.errors(), total, perSecond);
    }
}
