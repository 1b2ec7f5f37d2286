package gcc.decision;

import gcc.code.ClearanceClaims;
import gcc.policy.Profile;
import gcc.registry.RecallScopes;
import gcc.trust.LabKey;

import java.nio.charset.StandardCharsets;

/**
 * The working form of a decision: a reason bit mask plus the raw details the rules found, filled
 * in place so the gate's hot path allocates nothing. {@link Decision#of} turns it into the
 * immutable, itemized answer when a caller needs text.
 *
 * <p>Fail closed by construction: {@link #outcome()} is RELEASE only if the rules ran to the end
 * ({@link #complete()}) and added no reason. A fresh or reset instance, or one an exception
 * interrupted, answers HOLD.
 *
 * <p>Not thread-safe: one instance per thread, {@link #reset()} before each decision.
 */
public final class Findings {
    private long reasons;
    private boolean complete;
    private String detail;
    private ClearanceClaims claims;
    private LabKey key;
    private int incompleteMask;
    private int failedMask;
    private int expiredMask;
    private int earliestExpiredDay;
    private final byte[] supersededBy = new byte[32];
    private int supersededByLength;
    private final byte[] registeredExporter = new byte[18];
    private boolean registeredExporterKnown;
    private String mismatchField;
    private int decisionDay;
    private Profile profile;
    private int notApplicableRefusedMask;
    private final byte[] productClass = new byte[16];
    private int productClassLength;
    private int agentCount;
    private RecallScopes.Scope reportRecall;
    private RecallScopes.Scope declarantSuspension;
    private final byte[] missingProfile = new byte[24];
    private int missingProfileLength;
    private Throwable failure;

    /** Clears every field for a new decision. */
    public Findings reset() {
        reasons = 0;
        complete = false;
        detail = null;
        claims = null;
        key = null;
        incompleteMask = failedMask = expiredMask = 0;
        earliestExpiredDay = Integer.MAX_VALUE;
        supersededByLength = 0;
        registeredExporterKnown = false;
        mismatchField = null;
        decisionDay = 0;
        profile = null;
        notApplicableRefusedMask = 0;
        productClassLength = 0;
        agentCount = 0;
        missingProfileLength = 0;
        reportRecall = null;
        declarantSuspension = null;
        failure = null;
        return this;
    }

    public Findings() {
        reset();
    }

    /** Adds a reason to hold. */
    public Findings hold(Reason r) {
        reasons |= r.bit();
        return this;
    }

    /** Adds a reason with a short detail (use constants on the hot path; the last detail wins). */
    public Findings hold(Reason r, String detail) {
        reasons |= r.bit();
        this.detail = detail;
        return this;
    }

    /**
     * Holds for {@link Reason#INTERNAL_ERROR}: a bug or a broken dependency, not a business outcome.
     * Keeps the exception so whoever delivers the decision can log it once with its stack trace.
     */
    public Findings fail(String where, Throwable cause) {
        reasons |= Reason.INTERNAL_ERROR.bit();
        this.detail = where + ": " + cause;
        this.failure = cause;
        return this;
    }

    /** The exception behind an INTERNAL_ERROR, or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    /** Marks that every rule ran; only then can the outcome be RELEASE. */
    public Findings complete() {
        complete = true;
        return this;
    }

    public Outcome outcome() {
        return complete && reasons == 0 ? Outcome.RELEASE : Outcome.HOLD;
    }

    public long reasons() {
        return reasons;
    }

    public boolean has(Reason r) {
        return r.in(reasons);
    }


    // ---- details recorded by the rules

    public Findings claims(ClearanceClaims c) {
        this.claims = c;
        return this;
    }

    public ClearanceClaims claims() {
        return claims;
    }

    public Findings key(LabKey k) {
        this.key = k;
        return this;
    }

    public LabKey key() {
        return key;
    }

    public String detail() {
        return detail;
    }

    public Findings incompleteItems(int mask) {
        incompleteMask |= mask;
        return this;
    }

    public int incompleteItems() {
        return incompleteMask;
    }

    public Findings failedItems(int mask) {
        failedMask |= mask;
        return this;
    }

    public int failedItems() {
        return failedMask;
    }

    /** Records that item {@code n} stopped being valid on {@code day}. */
    public Findings expiredItem(int n, int day) {
        expiredMask |= 1 << (n - 1);
        earliestExpiredDay = Math.min(earliestExpiredDay, day);
        return this;
    }

    public int expiredItems() {
        return expiredMask;
    }

    /** Earliest day an expired item stopped being valid, or {@link Integer#MAX_VALUE}. */
    public int earliestExpiredDay() {
        return earliestExpiredDay;
    }

    public Findings supersededBy(byte[] id, int len) {
        System.arraycopy(id, 0, supersededBy, 0, Math.min(len, supersededBy.length));
        supersededByLength = Math.min(len, supersededBy.length);
        return this;
    }

    public String supersededBy() {
        return supersededByLength == 0 ? null : new String(supersededBy, 0, supersededByLength, StandardCharsets.US_ASCII);
    }

    public Findings registeredExporter(byte[] b) {
        System.arraycopy(b, 0, registeredExporter, 0, registeredExporter.length);
        registeredExporterKnown = true;
        return this;
    }

    /** How many agents besides the manufacturer the report authorizes (for EXPORTER_MISMATCH's detail). */
    public Findings agentCount(int n) {
        agentCount = n;
        return this;
    }

    public int agentCount() {
        return agentCount;
    }

    /** The lab-, exporter- or model-wide recall that reaches the report (a reference; no copy). */
    public Findings reportRecall(RecallScopes.Scope s) {
        this.reportRecall = s;
        return this;
    }

    public RecallScopes.Scope reportRecall() {
        return reportRecall;
    }

    /** The suspension of the declaring exporter (a reference; no copy). */
    public Findings declarantSuspension(RecallScopes.Scope s) {
        this.declarantSuspension = s;
        return this;
    }

    public RecallScopes.Scope declarantSuspension() {
        return declarantSuspension;
    }

    /** The item profile the report was judged against (a reference into the policy; no copy). */
    public Findings profile(Profile p) {
        this.profile = p;
        return this;
    }

    /** The profile the report was judged against, or {@code null} if none was found. */
    public Profile profile() {
        return profile;
    }

    /** Items marked not applicable that policy requires for the product class {@code cls}. */
    public Findings notApplicableRefused(int mask, byte[] cls, int off, int len) {
        notApplicableRefusedMask |= mask;
        productClassLength = Math.min(len, productClass.length);
        System.arraycopy(cls, off, productClass, 0, productClassLength);
        return this;
    }

    /** The profile id a report names that the policy does not hold. */
    public Findings missingProfile(byte[] id, int off, int len) {
        missingProfileLength = Math.min(len, missingProfile.length);
        System.arraycopy(id, off, missingProfile, 0, missingProfileLength);
        return this;
    }

    public String missingProfile() {
        return new String(missingProfile, 0, missingProfileLength, StandardCharsets.US_ASCII);
    }

    public int notApplicableRefusedItems() {
        return notApplicableRefusedMask;
    }

    /** The report's product class ("" when it names none) as recorded with a refused not-applicable item. */
    public String productClass() {
        return new String(productClass, 0, productClassLength, StandardCharsets.US_ASCII);
    }

    public String registeredExporter() {
        return registeredExporterKnown ? new String(registeredExporter, StandardCharsets.US_ASCII) : null;
    }

    /** Names the claim that disagrees with the registered report (a constant). */
    public Findings mismatchField(String field) {
        this.mismatchField = mismatchField == null ? field : mismatchField;
        return this;
    }

    public String mismatchField() {
        return mismatchField;
    }

    public Findings decisionDay(int day) {
        this.decisionDay = day;
        return this;
    }

    /** The calendar day (epoch day, policy zone) the decision was made for. */
    public int decisionDay() {
        return decisionDay;
    }

    /** The report id from the code's claims, or {@code null} if the code did not decode. */
    public String reportId() {
        return claims == null ? null : claims.reportId();
    }

    // ---- allocation-free copies for the gate's v2 answer (each returns the bytes written)

    /** Copies the superseding report id into {@code dst}; returns its length (0 when none). */
    public int copySupersededBy(byte[] dst, int off, int max) {
        return copy(supersededBy, supersededByLength, dst, off, max);
    }

    /** Copies the exporter the report names into {@code dst}; returns its length (0 when not recorded). */
    public int copyRegisteredExporter(byte[] dst, int off, int max) {
        return registeredExporterKnown ? copy(registeredExporter, registeredExporter.length, dst, off, max) : 0;
    }

    /** Copies the product class of a refused not-applicable item into {@code dst}; returns its length. */
    public int copyProductClass(byte[] dst, int off, int max) {
        return copy(productClass, productClassLength, dst, off, max);
    }

    /** Copies the profile id the policy does not hold into {@code dst}; returns its length. */
    public int copyMissingProfile(byte[] dst, int off, int max) {
        return copy(missingProfile, missingProfileLength, dst, off, max);
    }

    private static int copy(byte[] src, int len, byte[] dst, int off, int max) {
        int n = Math.min(len, max);
        System.arraycopy(src, 0, dst, off, n);
        return n;
    }
}
