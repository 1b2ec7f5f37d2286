package gcc.gate;

import gcc.code.ClearanceClaims;
import gcc.decision.Findings;
import gcc.decision.Reason;
import gcc.registry.RecallScopes;

/**
 * Writes the detail block of a version 2 VERIFY_RESPONSE from what the rules recorded in
 * {@link Findings}: one language-neutral entry per reason that has something to say (which items,
 * since which day, which report, exporter, lab or recall), which the gate renders in either
 * language ({@link ReasonDetail#text}). Entries follow the reason codes in ascending order.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |  reason code  |   ref length  |  items: bit n-1 = item n (u32)
 *  +---------------+---------------+-------------------------------+
 *                                  |  since: epoch day, 0 = none (u32)
 *  +-------------------------------+-------------------------------+
 *                                  |  ref (ASCII, 0..32)         ...
 *  +-------------------------------+-------------------------------+
 * </pre>
 * Bounded: at most {@link #MAX_ENTRIES} entries of at most {@link #MAX_ENTRY} bytes, so the block
 * never exceeds {@link #MAX_BYTES}. A reference outside printable ASCII is written with '?' for
 * each such character (the audit and the HTTP answer keep the full text).
 *
 * <p>Stateless; allocation-free.
 */
public final class ReasonDetails {
    public static final int REASON_OFFSET = 0;
    public static final int REF_LENGTH_OFFSET = 1;
    public static final int ITEMS_OFFSET = 2;
    public static final int SINCE_OFFSET = 6;
    public static final int REF_OFFSET = 10;
    public static final int MAX_REF = 32;
    public static final int MAX_ENTRY = REF_OFFSET + MAX_REF;
    public static final int MAX_ENTRIES = 8;
    public static final int MAX_BYTES = MAX_ENTRIES * MAX_ENTRY;

    private ReasonDetails() {
    }

    /** Writes the entries for {@code f}'s reasons at {@code dst[off]}; returns the bytes written. */
    public static int write(byte[] dst, int off, Findings f) {
        long mask = f.reasons();
        int p = off;
        int entries = 0;
        for (int code = 1; code < 64 && entries < MAX_ENTRIES; code++) {
            if ((mask & (1L << code)) == 0) {
                continue;
            }
            Reason r = Reason.ofCode(code);
            if (r == null) {
                continue;
            }
            int n = entry(dst, p, r, f);
            if (n > 0) {
                p += n;
                entries++;
            }
        }
        return p - off;
    }

    /** One entry for {@code r}, or 0 bytes when it has no detail beyond its code. */
    private static int entry(byte[] dst, int p, Reason r, Findings f) {
        ClearanceClaims c = f.claims();
        int ref = p + REF_OFFSET;
        return switch (r) {
            case INCOMPLETE_SCOPE -> put(dst, p, r, f.incompleteItems(), 0, 0);
            case ITEM_FAILED -> put(dst, p, r, f.failedItems(), 0, 0);
            case ITEM_EXPIRED -> put(dst, p, r, f.expiredItems(), f.earliestExpiredDay() != Integer.MAX_VALUE
                    ? f.earliestExpiredDay() : c != null ? c.expiryDay() : 0, 0);
            case CODE_NOT_YET_VALID -> c == null ? 0 : put(dst, p, r, 0, c.issueDay(), 0);
            case NOT_APPLICABLE_REFUSED -> put(dst, p, r, f.notApplicableRefusedItems(), 0,
                    f.copyProductClass(dst, ref, MAX_REF));
            case REPORT_SUPERSEDED -> put(dst, p, r, 0, 0, f.copySupersededBy(dst, ref, MAX_REF));
            case EXPORTER_MISMATCH -> put(dst, p, r, 0, 0, f.copyRegisteredExporter(dst, ref, MAX_REF));
            case PROFILE_NOT_IN_FORCE -> put(dst, p, r, 0, 0, f.copyMissingProfile(dst, ref, MAX_REF));
            case REPORT_REVOKED, REPORT_SUSPENDED -> f.reportRecall() == null ? 0
                    : put(dst, p, r, 0, 0, scope(dst, ref, f.reportRecall()));
            case EXPORTER_SUSPENDED -> f.declarantSuspension() == null ? 0
                    : put(dst, p, r, 0, 0, ascii(dst, ref, 0, f.declarantSuspension().value()));
            case KEY_NOT_VALID_AT_TIME, KEY_REVOKED -> f.key() == null ? 0
                    : put(dst, p, r, 0, 0, ascii(dst, ref, 0, f.key().labId()));
            case LAB_NOT_ACCREDITED -> c == null ? 0 : put(dst, p, r, 0, 0, ascii(dst, ref, 0, c.labId()));
            case MALFORMED_CODE, UNSUPPORTED_VERSION, UNKNOWN_KEY, BAD_SIGNATURE, REPORT_NOT_REGISTERED, DIGEST_MISMATCH,
                    LEGACY_STANDARD, STANDARD_NOT_RECOGNIZED, PRODUCT_MISMATCH, REGISTRY_UNAVAILABLE, INTERNAL_ERROR,
                    CLAIMS_MISMATCH, TRUST_LIST_UNAVAILABLE, AUDIT_UNAVAILABLE, INVALID_REQUEST, SERVER_BUSY, TIMEOUT,
                    CONNECTION_LOST, PROTOCOL_ERROR, REGISTRY_STALE -> 0;
        };
    }

    private static int put(byte[] dst, int p, Reason r, int items, int sinceDay, int refLength) {
        if (items == 0 && sinceDay <= 0 && refLength == 0) {
            return 0;
        }
        dst[p + REASON_OFFSET] = (byte) r.code();
        dst[p + REF_LENGTH_OFFSET] = (byte) refLength;
        Bytes.putU32(dst, p + ITEMS_OFFSET, items & 0xffffffffL);
        Bytes.putU32(dst, p + SINCE_OFFSET, Math.max(0, sinceDay));
        return REF_OFFSET + refLength;
    }

    /** {@code KIND:value}, e.g. {@code LAB:CNAS-L0001}: the recall scope that reached the report. */
    private static int scope(byte[] dst, int p, RecallScopes.Scope s) {
        int n = ascii(dst, p, 0, s.kind().name());
        dst[p + n++] = ':';
        return ascii(dst, p, n, s.value());
    }

    private static int ascii(byte[] dst, int p, int n, String s) {
        for (int i = 0; i < s.length() && n < MAX_REF; i++) {
            char ch = s.charAt(i);
            dst[p + n++] = (byte) (ch >= 0x20 && ch <= 0x7e ? ch : '?');
        }
        return n;
    }
}
