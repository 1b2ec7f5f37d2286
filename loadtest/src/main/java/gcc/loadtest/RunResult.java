package gcc.loadtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * What one open-loop run measured: its latency distribution (µs, from intended send times), the
 * completions per second over the run, how many requests it sent, completed and failed, and over
 * the measured window (after the warm-up): the server process's CPU time and requests sent in it,
 * the server's CPU time by thread group (event loops, workers, GC, compiler...), the server's GC pauses (null when it has no GC log: Redis) and the harness's.
 */
record RunResult(String name, double targetRps, double seconds, long sent, long completed, long errors,
                 Histogram latency, List<Long> perSecond, long serverCpuMicros, long measuredSent,
                 java.util.Map<String, Long> serverCpuByThread, GcPauses serverGc, GcPauses harnessGc) {

    double achievedRps() {
        return seconds <= 0 ? 0 : completed / seconds;
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

    /** CPU and GC figures of this run into {@code n}. */
    ObjectNode costJson(ObjectNode n) {
        double cpu = cpuMicrosPerRequest();
        if (cpu >= 0) {
            n.put("cpu_us_per_request", Math.round(cpu * 100) / 100.0);
            n.put("process_cpu_s", Math.round(serverCpuMicros / 1000.0) / 1000.0);
            // where the CPU went, largest first: the thread groups' share of cpu_us_per_request
            ObjectNode byThread = n.putObject("cpu_us_per_request_by_thread");
            serverCpuByThread.entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> byThread.put(e.getKey(), Math.round(100.0 * e.getValue() / measuredSent) / 100.0));
        } else {
            n.putNull("cpu_us_per_request");
        }
        if (serverGc != null) {
            serverGc.json(n.putObject("server_gc"), seconds);
        }
        harnessGc.json(n.putObject("harness_gc"), seconds);
        return n;
    }
}
