package gcc.admin;

import gcc.auth.Principal;
import gcc.auth.Role;
import gcc.registry.ReportRecord;
import gcc.registry.RegistryService;
import gcc.report.ReportDocument;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.LabKey;
import gcc.trust.TrustList;
import gcc.trust.TrustStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * What a lab principal may change: only its own lab's reports (a registration, a revision of its
 * own report, a withdrawal), and only while the trust list in force lists the lab with an active,
 * in-date key and, for a registration, accredits it for the report's standard. Customs is not
 * confined (it may act for a lab; the rules still check lab and key at every decision).
 *
 * <p>Thread-safe; reads the trust list in force and the registry index.
 */
public final class LabScope {
    /** Why a lab's change is refused: {@code status} 403 (not its report, not trusted) or 422 (not accredited). */
    public record Refusal(int status, String message) {
    }

    private final TrustStore trust;
    private final RegistryService registry;
    private final Clock clock;

    public LabScope(TrustStore trust, RegistryService registry, Clock clock) {
        this.trust = trust;
        this.registry = registry;
        this.clock = clock;
    }

    /** Whether {@code caller} may register {@code doc} (a revision when it supersedes another); {@code null} if so. */
    public Refusal register(Principal caller, ReportDocument doc) {
        if (caller.role() != Role.LAB) {
            return null;
        }
        if (!doc.labId().equals(caller.labId())) {
            return new Refusal(403, "lab " + caller.labId() + " may register only its own reports, not one of lab " + doc.labId());
        }
        if (doc.supersedes() != null) {
            Refusal r = owns(caller, doc.supersedes(), "revise");
            if (r != null) {
                return r;
            }
        }
        Refusal t = trusted(caller);
        if (t != null) {
            return t;
        }
        Lab lab = trust.current().lab(caller.labId());
        byte[] standard = doc.standard().getBytes(StandardCharsets.US_ASCII);
        if (!lab.accreditedFor(standard, 0, standard.length)) {
            return new Refusal(422, "lab " + caller.labId() + " is not accredited for " + doc.standard()
                    + " on trust list version " + trust.current().version() + " (accredited for " + lab.standards() + ")");
        }
        return null;
    }

    /** Whether {@code caller} may withdraw (revoke) report {@code id}; {@code null} if so. */
    public Refusal withdraw(Principal caller, String id) {
        if (caller.role() != Role.LAB) {
            return null;
        }
        Refusal r = owns(caller, id, "withdraw");
        return r != null ? r : trusted(caller);
    }

    /** A registered report of another lab is refused; an unregistered one is left to the registry (404). */
    private Refusal owns(Principal caller, String id, String what) {
        ReportRecord rec = new ReportRecord();
        if (registry.get(id, rec) && !rec.labId().equals(caller.labId())) {
            return new Refusal(403, "lab " + caller.labId() + " may " + what + " only its own reports; " + id
                    + " is lab " + rec.labId() + "'s");
        }
        return null;
    }

    private Refusal trusted(Principal caller) {
        TrustList list = trust.current();
        if (list == null) {
            return new Refusal(403, "no trust list is in force: lab " + caller.labId() + " cannot be checked");
        }
        Lab lab = list.lab(caller.labId());
        if (lab == null) {
            return new Refusal(403, "lab " + caller.labId() + " is not on the trust list in force (version " + list.version() + ")");
        }
        long now = clock.instant().getEpochSecond();
        for (LabKey k : lab.keys()) {
            if (k.status() == KeyStatus.ACTIVE && k.validAt(now, 0)) {
                return null;
            }
        }
        return new Refusal(403, "lab " + caller.labId() + " has no active, in-date key on the trust list in force (version "
                + list.version() + ")");
    }
}
