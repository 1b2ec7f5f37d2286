package gcc.gate;

import gcc.decision.Findings;
import gcc.decision.Reason;
import gcc.registry.RecallScopes;

/**
 * The per-reason detail of a version 2 VERIFY_RESPONSE: language-neutral, one entry of a reason
 * code and two unsigned 32-bit arguments, which the gate SDK renders in Chinese or English
 * ({@link gcc.decision.DetailText}). Only reasons whose detail a gate screen needs get an entry;
 * the meaning of the arguments is fixed per reason:
 *
 * <table>
 *   <caption>arguments per reason</caption>
 *   <tr><th>reason</th><th>a</th><th>b</th></tr>
 *   <tr><td>INCOMPLETE_SCOPE, ITEM_FAILED, NOT_APPLICABLE_REFUSED</td><td>item mask (bit n-1 = item n)</td><td>0</td></tr>
 *   <tr><td>ITEM_EXPIRED</td><td>item mask (0 = the code's own expiry)</td><td>day the items stopped being
 *   valid (days since 1970-01-01; 0 = unknown)</td></tr>
 *   <tr><td>REPORT_REVOKED, REPORT_SUSPENDED, EXPORTER_SUSPENDED</td><td>scope: 0 this report alone,
 *   1 lab, 2 exporter, 3 model, 4 declarant</td><td>0</td></tr>
 *   <tr><td>EXPORTER_MISMATCH</td><td>agents the report authorizes besides the manufacturer</td><td>0</td></tr>
 *   <tr><td>INVALID_REQUEST</td><td>field: 0 other, 1 declaration, 2 container</td><td>problem:
 *   0 other, 1 shape, 2 check digit</td></tr>
 * </table>
 * At most {@link #MAX} entries, in ascending reason order, so a response stays under 128 bytes.
 *
 * <p>Filled in place (no allocation); not thread-safe, one per thread.
 */
public final class ReasonDetails {
    /** Most entries one response carries. */
    public static final int MAX = 8;
    /** Bytes of one entry on the wire: reason (u8), reserved (u8), a (u32), b (u32). */
    public static final int ENTRY = 10;

    private final int[] reason = new int[MAX];
    private final long[] a = new long[MAX];
    private final long[] b = new long[MAX];
    private int count;

    public ReasonDetails clear() {
        count = 0;
        return this;
    }

    public int count() {
        return count;
    }

    public int reason(int i) {
        return reason[i];
    }

    public long a(int i) {
        return a[i];
    }

    public long b(int i) {
        return b[i];
    }

    /** Adds an entry unless {@link #MAX} are already held (arguments clamped to u32). */
    public ReasonDetails add(int reasonCode, long argA, long argB) {
        if (count < MAX) {
            reason[count] = reasonCode;
            a[count] = clamp(argA);
            b[count] = clamp(argB);
            count++;
        }
        return this;
    }

    private static long clamp(long v) {
        return Math.max(0, Math.min(0xffffffffL, v));
    }

    /** Replaces the entries with those of a decision's findings. */
    public ReasonDetails of(Findings f) {
        clear();
        long mask = f.reasons();
        if (Reason.INCOMPLETE_SCOPE.in(mask)) {
            add(Reason.INCOMPLETE_SCOPE.code(), f.incompleteItems(), 0);
        }
        if (Reason.ITEM_FAILED.in(mask)) {
            add(Reason.ITEM_FAILED.code(), f.failedItems(), 0);
        }
        if (Reason.ITEM_EXPIRED.in(mask)) {
            int day = f.expiredItems() != 0 ? f.earliestExpiredDay()
                    : f.claims() != null ? f.claims().expiryDay() : Integer.MAX_VALUE;
            add(Reason.ITEM_EXPIRED.code(), f.expiredItems(), day == Integer.MAX_VALUE ? 0 : day);
        }
        if (Reason.REPORT_REVOKED.in(mask)) {
            add(Reason.REPORT_REVOKED.code(), scope(f.reportRecall()), 0);
        }
        if (Reason.REPORT_SUSPENDED.in(mask)) {
            add(Reason.REPORT_SUSPENDED.code(), scope(f.reportRecall()), 0);
        }
        if (Reason.EXPORTER_MISMATCH.in(mask)) {
            add(Reason.EXPORTER_MISMATCH.code(), f.agentCount(), 0);
        }
        if (Reason.INVALID_REQUEST.in(mask)) {
            add(Reason.INVALID_REQUEST.code(), f.invalidReferenceField(), f.invalidReferenceProblem());
        }
        if (Reason.NOT_APPLICABLE_REFUSED.in(mask)) {
            add(Reason.NOT_APPLICABLE_REFUSED.code(), f.notApplicableRefusedItems(), 0);
        }
        if (Reason.EXPORTER_SUSPENDED.in(mask)) {
            add(Reason.EXPORTER_SUSPENDED.code(), scope(f.declarantSuspension()), 0);
        }
        return this;
    }

    /** The wire code of a recall scope's kind; 0 when the status is the report's own. */
    public static int scope(RecallScopes.Scope s) {
        if (s == null) {
            return 0;
        }
        return switch (s.kind()) {
            case LAB -> 1;
            case EXPORTER -> 2;
            case MODEL -> 3;
            case DECLARANT -> 4;
        };
    }
}
