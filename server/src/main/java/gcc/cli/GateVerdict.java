package gcc.cli;

import gcc.code.CodeIssuer;
import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.SignatureVerifier;
import gcc.crypto.Signer;
import gcc.decision.Decision;
import gcc.policy.ItemSpec;
import gcc.policy.Policy;
import gcc.registry.InMemoryReportRegistry;
import gcc.registry.RegistryEvent;
import gcc.report.ItemResult;
import gcc.report.ReportDocument;
import gcc.time.EpochDays;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.LabKey;
import gcc.trust.TrustList;
import gcc.trust.TrustListException;
import gcc.trust.TrustStore;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict a gate would give a report's code, before the code leaves the lab: the code is
 * decided by the real {@link Verifier} and rules against a registry holding only this report and
 * a trust list on which the signing key is an active key of the report's lab, accredited for the
 * report's standard. So every report-side rule applies exactly as at the gate (scope, results,
 * item expiry, standard class, code date, exporter); what only customs' trust list can tell (is
 * the lab's key listed, is the lab accredited) is assumed, and said so by the commands.
 *
 * <p>Allocates freely (a throw-away trust list and, without a lab key, a throw-away Ed25519 key):
 * a tool's path, a few milliseconds per report.
 */
final class GateVerdict {
    /** Key window of the assumed trust-list entry: 1970 to the end of 9999. */
    private static final long FOREVER = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private GateVerdict() {
    }

    /** Issues the report with a throw-away key and decides its code at {@code at}. */
    static Decision of(ReportDocument doc, Policy policy, Instant at) {
        SecureRandom random = Keys.random();
        Signer signer = new Signer(Keys.generate(SignatureAlgorithm.ED25519, random).getPrivate(), random);
        return of(CodeIssuer.issue(doc, policy, signer).text(), doc, policy, signer, at);
    }

    /** Decides an issued code of the report (signed by {@code signer}) at {@code at}, declared by the report's exporter. */
    static Decision of(String code, ReportDocument doc, Policy policy, Signer signer, Instant at) {
        SecureRandom random = Keys.random();
        Signer root = new Signer(Keys.generate(SignatureAlgorithm.ED25519, random).getPrivate(), random);
        LabKey key = new LabKey(signer.algorithm(), signer.publicKeySpki(), 0, FOREVER, KeyStatus.ACTIVE);
        Lab lab = new Lab(doc.labId(), doc.labId(), "assumed accredited", List.of(doc.standard()), List.of(key));
        TrustStore trust = new TrustStore(SignatureVerifier.ofSpki(root.publicKeySpki()));
        try {
            trust.offer(new TrustList(1, at.getEpochSecond(), List.of(lab)).sign(root));
        } catch (TrustListException e) {
            throw new IllegalStateException("a pre-flight trust list was refused: " + e.getMessage(), e);
        }
        InMemoryReportRegistry registry = new InMemoryReportRegistry();
        String refusal = registry.submit(RegistryEvent.register(doc, "pre-flight"), at.toEpochMilli());
        if (refusal != null) {
            throw new IllegalArgumentException(doc.reportId() + ": " + refusal);
        }
        Verifier verifier = new Verifier(trust, () -> policy, registry, new SignatureMemo(4), Clock.fixed(at, ZoneOffset.UTC));
        return verifier.verify(code, doc.exporter(), null, at);
    }

    /**
     * Profile items still valid on {@code day} whose validity ends within {@code withinDays}
     * days, earliest first, each as one line for an operator.
     */
    static List<String> expiringSoon(ReportDocument doc, Policy policy, LocalDate day, int withinDays) {
        List<String> out = new ArrayList<>();
        List<ItemResult> items = new ArrayList<>();
        doc.items().stream().filter(r -> r.testDate() != null).forEach(items::add);
        items.sort((a, b) -> a.testDate().compareTo(b.testDate()));
        gcc.policy.Profile profile = policy.profile(doc.profile());
        for (ItemResult r : items) {
            ItemSpec spec = profile == null ? null : profile.item(r.item());
            if (spec == null || !r.pass()) {
                continue;
            }
            LocalDate expiry = EpochDays.toLocalDate(EpochDays.plusMonths((int) r.testDate().toEpochDay(), spec.validityMonths()));
            long left = ChronoUnit.DAYS.between(day, expiry);
            if (left > 0 && left <= withinDays) {
                out.add("item " + r.item() + " (" + spec.name() + ") stops being valid on " + expiry + ", in " + left + " days");
            }
        }
        return out;
    }

    /** The decision day of an instant in the policy's zone. */
    static LocalDate day(Instant at, Policy policy) {
        return LocalDate.ofInstant(at, policy.zone());
    }
}
