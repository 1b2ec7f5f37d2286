package gcc.loadtest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Garbage-collection pauses over a stretch of a run: how many, their total and the longest, in milliseconds. */
record GcPauses(int count, double totalMs, double maxMs) {
    static final GcPauses NONE = new GcPauses(0, 0, 0);

    static GcPauses of(List<Double> pausesMs) {
        double total = 0;
        double max = 0;
        for (double p : pausesMs) {
            total += p;
            max = Math.max(max, p);
        }
        return new GcPauses(pausesMs.size(), total, max);
    }

    /** The pauses of two stretches together; either may be null (no GC log), which counts as none. */
    static GcPauses plus(GcPauses a, GcPauses b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return new GcPauses(a.count + b.count, a.totalMs + b.totalMs, Math.max(a.maxMs, b.maxMs));
    }

    ObjectNode json(ObjectNode n, double runSeconds) {
        n.put("count", count);
        n.put("total_ms", Math.round(totalMs * 1000) / 1000.0);
        n.put("max_ms", Math.round(maxMs * 1000) / 1000.0);
        if (runSeconds > 0) {
            n.put("share_of_run", Math.round(totalMs / (runSeconds * 1000) * 1e6) / 1e6);
        }
        return n;
    }
}
