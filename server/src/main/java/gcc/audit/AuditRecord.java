package gcc.audit;

import gcc.decision.Reason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One audit entry as read back: a decision (gate or HTTP) or an admin action.
 *
 * @param timeMicros   when, epoch microseconds
 * @param source       GATE_TCP, HTTP_VERIFY or ADMIN
 * @param gate         gate id (decisions) or empty
 * @param lane         lane number (gate decisions) or 0
 * @param exporter     declared exporter (decisions) or empty
 * @param reportId     report the code named, or empty
 * @param outcome      1 RELEASE, 2 HOLD, 3 BUSY (decisions), 0 for admin
 * @param reasons      reason mask
 * @param micros       server decision time
 * @param decidedFor   epoch second a pre-check was decided for (its {@code at}), 0 when decided for its own time
 * @param actor        admin actor or empty
 * @param action       admin action text or empty
 * @param declaration  customs declaration (entry) number the gate gave, or empty
 * @param container    container number the gate gave, or empty
 */
public record AuditRecord(long timeMicros, DecisionAudit.Source source, String gate, int lane, String exporter,
                          String reportId, int outcome, long reasons, long micros, long decidedFor, String actor,
                          String action, String declaration, String container) {

    /** A record without the declaration link (admin actions, and decisions audited before it existed). */
    public AuditRecord(long timeMicros, DecisionAudit.Source source, String gate, int lane, String exporter,
                       String reportId, int outcome, long reasons, long micros, long decidedFor, String actor,
                       String action) {
        this(timeMicros, source, gate, lane, exporter, reportId, outcome, reasons, micros, decidedFor, actor, action, "", "");
    }

    public Instant time() {
        return Instant.ofEpochSecond(timeMicros / 1_000_000, (timeMicros % 1_000_000) * 1000);
    }

    /** True for an HTTP pre-check: a forwarder's question, never a gate release. */
    public boolean preCheck() {
        return source == DecisionAudit.Source.HTTP_VERIFY;
    }

    /** The date a pre-check was decided for, or {@code null} when decided for its own time. */
    public Instant decidedForTime() {
        return decidedFor == 0 ? null : Instant.ofEpochSecond(decidedFor);
    }

    public String outcomeName() {
        return switch (outcome) {
            case 1 -> "RELEASE";
            case 2 -> "HOLD";
            case 3 -> "BUSY";
            default -> "-";
        };
    }

    public List<String> reasonNames() {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((reasons & (1L << bit)) != 0) {
                Reason r = Reason.ofCode(bit);
                names.add(r == null ? "REASON_" + bit : r.name());
            }
        }
        return names;
    }
}
