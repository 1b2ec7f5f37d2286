package gcc.loadtest;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import gcc.progress.Progress;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs one open-loop load against a target, sampling the latency recorder every second for the
 * progress line, the throughput-over-time series and (optionally) an HdrHistogram interval log;
 * and, over the measured window (after the warm-up), the server process's CPU time
 * ({@code /proc/<pid>/stat}), its GC log, the harness's own GC pauses and how late a sleeping
 * harness thread woke.
 */
final class Runner {
    /** The process serving the run: its pid (or -1) and GC log (or null). */
    record Server(long pid, GcLog gcLog) {
    }

    private Runner() {
    }

    static RunResult run(String name, OpenLoop.Target target, double rate, double warmupSeconds, double seconds,
                         HistogramLogWriter log, PrintStream progress, Server server, HarnessGc harnessGc,
                         LateWakeups lateWakeups) throws InterruptedException {
        try {
            target.reopen(); // fresh connections: a server may have closed ones left silent since the last run
        } catch (java.io.IOException e) {
            throw new IllegalStateException(name + ": could not reconnect: " + e.getMessage(), e);
        }
        OpenLoop loop = new OpenLoop();
        Histogram total = new Histogram(1, TimeUnit.SECONDS.toMicros(60), 3);
        List<Long> perSecond = new ArrayList<>();
        long[] sent = new long[1];
        Thread sender = new Thread(() -> sent[0] = loop.run(target, rate, (long) (warmupSeconds * 1e9), (long) (seconds * 1e9),
                TimeUnit.SECONDS.toNanos(5)), "gcc-load-" + name);
        sender.setPriority(Thread.MAX_PRIORITY);
        long start = System.currentTimeMillis();
        // Requests the phase is to send: its progress counts those sent (on a terminal a bar, else a line every 5 s).
        Progress shown = progress == null ? null : new Progress(name, (long) (rate * (warmupSeconds + seconds)), progress,
                System.console() != null, System::nanoTime);
        sender.start();
        // the measured window's start: CPU, sent count and GC marks
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9) + 1_000_000;
        while (System.nanoTime() < warmEnd && sender.isAlive()) {
            Thread.sleep(Math.max(1, (warmEnd - System.nanoTime()) / 1_000_000));
        }
        long cpu0 = server.pid() > 0 ? ProcCpu.micros(server.pid()) : -1;
        java.util.Map<String, Long> threads0 = server.pid() > 0 ? ProcCpu.microsByThreadGroup(server.pid()) : java.util.Map.of();
        java.util.Map<String, Long> threads1 = java.util.Map.of();
        long sent0 = loop.sent();
        int serverGc0 = server.gcLog() == null ? 0 : server.gcLog().pauses().size();
        int harnessGc0 = harnessGc.mark();
        lateWakeups.take(); // the warm-up's are not the measured window's
        long measuredEnd = warmEnd + (long) (seconds * 1e9);
        long cpu1 = -1;
        long sent1 = -1;
        GcPauses serverGc = null;
        GcPauses harness = null;
        Histogram late = null;
        Histogram interval = null;
        long measuredStart = start + (long) (warmupSeconds * 1000);
        while (sender.isAlive()) {
            long toEnd = (measuredEnd - System.nanoTime()) / 1_000_000;
            sender.join(sent1 < 0 && toEnd > 0 ? Math.min(1000, toEnd) : 1000);
            if (cpu1 < 0 && sent1 < 0 && System.nanoTime() >= measuredEnd) {
                cpu1 = server.pid() > 0 ? ProcCpu.micros(server.pid()) : -1;
                threads1 = server.pid() > 0 ? ProcCpu.microsByThreadGroup(server.pid()) : java.util.Map.of();
                sent1 = loop.sent();
                serverGc = server.gcLog() == null ? null : since(server.gcLog(), serverGc0);
                harness = harnessGc.since(harnessGc0);
                late = lateWakeups.take();
            }
            interval = loop.recorder().getIntervalHistogram(interval);
            if (System.currentTimeMillis() > measuredStart + 500 && interval.getTotalCount() > 0) {
                total.add(interval);
                perSecond.add(interval.getTotalCount());
                if (log != null) {
                    log.outputIntervalHistogram(interval);
                }
            }
            if (shown != null) {
                shown.detail(String.format(Locale.ROOT, "last second %d answers, p50 %d us, p99 %d us, errors %d, in flight %d",
                        interval.getTotalCount(), interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(50),
                        interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99), loop.errors(), loop.outstanding()));
                shown.at(loop.sent());
            }
        }
        if (sent1 < 0) {
            cpu1 = server.pid() > 0 ? ProcCpu.micros(server.pid()) : -1;
            threads1 = server.pid() > 0 ? ProcCpu.microsByThreadGroup(server.pid()) : java.util.Map.of();
            sent1 = loop.sent();
            serverGc = server.gcLog() == null ? null : since(server.gcLog(), serverGc0);
            harness = harnessGc.since(harnessGc0);
            late = lateWakeups.take();
        }
        interval = loop.recorder().getIntervalHistogram(interval);
        total.add(interval);
        if (shown != null) {
            shown.finish();
        }
        long cpu = cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0;
        return new RunResult(name, rate, seconds, sent[0], loop.completed(), loop.errors(), loop.lost(), total, perSecond, cpu,
                sent1 - sent0, threadDeltas(threads0, threads1), serverGc, harness, late);
    }

    /** CPU microseconds each thread group used between two readings (groups that used none left out). */
    private static java.util.Map<String, Long> threadDeltas(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
        java.util.Map<String, Long> d = new java.util.TreeMap<>();
        after.forEach((group, micros) -> {
            long used = micros - before.getOrDefault(group, 0L);
            if (used > 0) {
                d.put(group, used);
            }
        });
        return d;
    }

    private static GcPauses since(GcLog log, int mark) {
        List<Double> all = log.pauses();
        return GcPauses.of(all.subList(Math.min(mark, all.size()), all.size()));
    }
}
