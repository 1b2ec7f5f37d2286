package gcc.loadtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * What one open-loop run measured: its latency distribution (µs, from intended send times), the
 * completions per second over the run, how many requests it sent, completed and failed, and over
 * the measured window (after the warm-up), the requests of it never answered (lost; also in
 * {@code completed} and {@code errors}): the server process's CPU time and requests sent in it,
 * the server's CPU time by thread group (event loops, workers, GC, compiler...), the server's GC pauses (null when it has no GC log: Redis), the harness's,
 * and how late a harness thread that only sleeps woke ({@link LateWakeups}: the host's stalls and the harness's).
 */
record RunResult(String name, double targetRps, double seconds, long sent, long completed, long errors, long lost,
                 Histogram latency, List<Long> perSecond, long serverCpuMicros, long measuredSent,
                 java.util.Map<String, Long> serverCpuByThread, GcPauses serverGc, GcPauses harnessGc, Histogram lateWakeups) {

    /**
     * One server's slices of an interleaved measurement as one run: counts, CPU time, requests and
     * pauses summed, latency histograms added, the per-second completions one after the other. The
     * CPU per request is then the slices' CPU over their requests, not an average of averages.
     */
    static RunResult merge(String name, List<RunResult> slices) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("no slices of " + name);
        }
        RunResult first = slices.get(0);
        Histogram latency = first.latency.copy();
        List<Long> perSecond = new java.util.ArrayList<>(first.perSecond);
        java.util.Map<String, Long> byThread = new java.util.TreeMap<>(first.serverCpuByThread);
        double seconds = first.seconds;
        long sent = first.sent;
        long completed = first.completed;
        long errors = first.errors;
        long lost = first.lost;
        long cpu = first.serverCpuMicros;
        long measuredSent = first.measuredSent;
        GcPauses serverGc = first.serverGc;
        GcPauses harnessGc = first.harnessGc;
        Histogram lateWakeups = first.lateWakeups.copy();
        for (RunResult r : slices.subList(1, slices.size())) {
            latency.add(r.latency);
            perSecond.addAll(r.perSecond);
            r.serverCpuByThread.forEach((group, micros) -> byThread.merge(group, micros, Long::sum));
            seconds += r.seconds;
            sent += r.sent;
            completed += r.completed;
            errors += r.errors;
            lost += r.lost;
            cpu = cpu < 0 || r.serverCpuMicros < 0 ? -1 : cpu + r.serverCpuMicros;
            measuredSent += r.measuredSent;
            serverGc = GcPauses.plus(serverGc, r.serverGc);
            harnessGc = GcPauses.plus(harnessGc, r.harnessGc);
            lateWakeups.add(r.lateWakeups);
        }
        return new RunResult(name, first.targetRps, seconds, sent, completed, errors, lost, latency, perSecond, cpu,
                measuredSent, byThread, serverGc, harnessGc, lateWakeups);
    }

    /** Requests a second that got an answer or failed to send; a lost one achieved nothing. */
    double achievedRps() {
        return seconds <= 0 ? 0 : (completed - lost) / seconds;
    }

    /** Server CPU microseconds per request sent in the measured window, or -1 when /proc could not tell. */
    double cpuMicrosPerRequest() {
        return serverCpuMicros < 0 || measuredSent <= 0 ? -1 : (double) serverCpuMicros / measuredSent;
    }

    ObjectNode latencyJson(ObjectNode n) {
        n.put("p50", latency.getValueAtPercentile(50));
        n.put("p90", latency.getValueAtPercentile(90));
        n.put("p99", latency.getValueAtPercentile(99));
        n.put("p999", latency.getValueAtPercentile(99.9));
        n.put("max", latency.getMaxValue());
        return n;
    }

    /**
     * Where the CPU went: the {@code limit} dearest thread groups' CPU microseconds per request,
     * largest first (empty when /proc could not tell).
     */
    java.util.Map<String, Double> cpuPerRequestByThread(int limit) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        if (measuredSent > 0) {
            serverCpuByThread.entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                    .forEach(e -> out.put(e.getKey(), (double) e.getValue() / measuredSent));
        }
        return out;
    }

    /** {@link #cpuPerRequestByThread} as {@code cpu_us_per_request_by_thread} in {@code n}, to two decimals. */
    void byThreadJson(ObjectNode n, int limit) {
        ObjectNode byThread = n.putObject("cpu_us_per_request_by_thread");
        cpuPerRequestByThread(limit).forEach((group, us) -> byThread.put(group, Math.round(us * 100) / 100.0));
    }

    /** CPU, GC and late wake-up figures of this run into {@code n}. */
    ObjectNode costJson(ObjectNode n) {
        double cpu = cpuMicrosPerRequest();
        if (cpu >= 0) {
            n.put("cpu_us_per_request", Math.round(cpu * 100) / 100.0);
            n.put("process_cpu_s", Math.round(serverCpuMicros / 1000.0) / 1000.0);
            byThreadJson(n, Integer.MAX_VALUE);
        } else {
            n.putNull("cpu_us_per_request");
        }
        if (serverGc != null) {
            serverGc.json(n.putObject("server_gc"), seconds);
        }
        harnessGc.json(n.putObject("harness_gc"), seconds);
        LateWakeups.json(n.putObject("late_wakeups"), lateWakeups);
        return n;
    }
}
