package gcc.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the clients were told: every acknowledged registration (with its code), every
 * acknowledged revocation (with when it was acknowledged), and how many RELEASE and HOLD answers
 * each gate id received from the server. The truth the checks after a restart hold the server to.
 *
 * <p>Thread-safe.
 */
final class Ledger {
    final Map<String, String> registered = new ConcurrentHashMap<>();
    final Map<String, Long> revokedAtNanos = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> releases = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> holds = new ConcurrentHashMap<>();
    /** HOLD answers by their reasons, to tell expected holds (revoked, audit unavailable) from surprises. */
    final Map<String, AtomicLong> holdReasons = new ConcurrentHashMap<>();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong unanswered = new AtomicLong();
    final AtomicLong falseReleases = new AtomicLong();

    void registered(String id, String code) {
        registered.put(id, code);
        acknowledged.incrementAndGet();
    }

    void revoked(String id) {
        revokedAtNanos.put(id, System.nanoTime());
        acknowledged.incrementAndGet();
    }

    /** A server answer to {@code gate}; HOLD AUDIT_UNAVAILABLE is not counted (the audit could not take it, by design). */
    void answer(String gate, boolean release, String holdReasons, boolean auditUnavailable) {
        if (!release) {
            this.holdReasons.computeIfAbsent(holdReasons, r -> new AtomicLong()).incrementAndGet();
        }
        if (!auditUnavailable) {
            (release ? releases : holds).computeIfAbsent(gate, g -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Answers (RELEASE and recorded HOLD) given to {@code gate}. */
    long answers(String gate) {
        return answered(gate, true) + answered(gate, false);
    }

    long answered(String gate, boolean release) {
        AtomicLong n = (release ? releases : holds).get(gate);
        return n == null ? 0 : n.get();
    }

    /** Registered reports not revoked, for the next revocation. */
    List<String> active() {
        List<String> out = new ArrayList<>();
        registered.keySet().forEach(id -> {
            if (!revokedAtNanos.containsKey(id)) {
                out.add(id);
            }
        });
        return out;
    }
}
