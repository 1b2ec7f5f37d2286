package gcc.loadtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * What one open-loop run measured: its latency distribution (µs, from intended send times), the
 * completions per second over the run, and how many requests it sent, completed and failed.
 */
record RunResult(String name, double targetRps, double seconds, long sent, long completed, long errors,
                 Histogram latency, List<Long> perSecond) {

    double achievedRps() {
        return seconds <= 0 ? 0 : completed / seconds;
    }

    ObjectNode latencyJson(ObjectNode n) {
        n.put("p50", latency.getValueAtPercentile(50));
        n.put("p90", latency.getValueAtPercentile(90));
        n.put("p99", latency.getValueAtPercentile(99));
        n.put("p999", latency.getValueAtPercentile(99.9));
        n.put("max", latency.getMaxValue());
        return n;
    }
}
