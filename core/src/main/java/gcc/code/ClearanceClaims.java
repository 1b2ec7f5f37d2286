package gcc.code;

import gcc.cbor.Cbor;
import gcc.cbor.CborCursor;
import gcc.cbor.CborException;
import gcc.cbor.CborFields;
import gcc.cbor.CborLimits;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.report.Uscc;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The signed payload of a clearance code: what binds it to one registered report and one
 * consignment. Encoded as a deterministic CBOR map with small integer keys (see
 * {@code docs/code-format.md}):
 *
 * <pre>
 *  1 format version  uint  (1)
 *  2 report id       tstr  1..32 of A-Z 0-9 - . _
 *  3 report digest   bstr  16 (first 16 bytes of SHA-256 over the report's canonical bytes)
 *  4 standard        tstr  e.g. "GB 31701-2026"
 *  5 lab id          tstr  1..16
 *  6 exporter        bstr  12, the 18-character USCC packed base-31 ({@link Uscc#pack})
 *  7 product         tstr  "HS/MODEL": HS code 6..10 digits, "/", model 1..32 bytes
 *  8 issue date      uint  epoch day (days since 1970-01-01)
 *  9 earliest expiry uint  epoch day on which the first item stops being valid
 * 10 items passed    bstr  1..4 bytes, big-endian mask, bit n-1 set = item n has a PASS result
 * </pre>
 *
 * Immutable. Text fields are also kept as bytes so the hot path compares them without allocation.
 */
public final class ClearanceClaims {
    /** The payload format version this verifier reads. */
    public static final int VERSION = 1;

    private final String reportId;
    private final byte[] reportIdBytes;
    private final byte[] digest;
    private final String standard;
    private final byte[] standardBytes;
    private final String labId;
    private final byte[] labIdBytes;
    private final String exporter;
    private final byte[] exporterBytes;
    private final Product product;
    private final byte[] hsBytes;
    private final byte[] modelBytes;
    private final int issueDay;
    private final int expiryDay;
    private final int passedMask;

    public ClearanceClaims(String reportId, byte[] digest, String standard, String labId, String exporter,
                           Product product, int issueDay, int expiryDay, int passedMask) {
        this.reportId = Objects.requireNonNull(reportId);
        this.reportIdBytes = reportId.getBytes(StandardCharsets.US_ASCII);
        this.digest = digest.clone();
        this.standard = Objects.requireNonNull(standard);
        this.standardBytes = standard.getBytes(StandardCharsets.US_ASCII);
        this.labId = Objects.requireNonNull(labId);
        this.labIdBytes = labId.getBytes(StandardCharsets.US_ASCII);
        this.exporter = Objects.requireNonNull(exporter);
        this.exporterBytes = exporter.getBytes(StandardCharsets.US_ASCII);
        this.product = Objects.requireNonNull(product);
        this.hsBytes = product.hsCode().getBytes(StandardCharsets.US_ASCII);
        this.modelBytes = product.model().getBytes(StandardCharsets.UTF_8);
        this.issueDay = issueDay;
        this.expiryDay = expiryDay;
        this.passedMask = passedMask;
    }

    /**
     * The claims a lab signs for a registered report, given the expiry the lab's policy computes.
     */
    public static ClearanceClaims of(ReportDocument doc, int earliestExpiryDay) {
        int passed = 0;
        for (var r : doc.items()) {
            if (r.pass()) {
                passed |= 1 << (r.item() - 1);
            }
        }
        return new ClearanceClaims(doc.reportId(), doc.digest(), doc.standard(), doc.labId(), doc.exporter(),
                doc.product(), (int) doc.issueDate().toEpochDay(), earliestExpiryDay, passed);
    }

    /** Deterministic CBOR encoding of the payload map. */
    public byte[] encode() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(1L, (long) VERSION);
        m.put(2L, reportId);
        m.put(3L, digest);
        m.put(4L, standard);
        m.put(5L, labId);
        m.put(6L, Uscc.pack(exporterBytes, 0));
        m.put(7L, product.toString());
        m.put(8L, (long) issueDay);
        m.put(9L, (long) expiryDay);
        m.put(10L, maskBytes(passedMask));
        return Cbor.encode(m);
    }

    /**
     * Decodes and checks the payload {@code in[off, off+len)} as {@link #decode(byte[])} does, with
     * the same answer for every input. A payload in the exact shape this project issues (keys 1 to
     * 10 in order, shortest heads, printable ASCII text) is read in place with {@code s}'s cursor,
     * allocating only the claims; anything else, including every payload that fails a check, goes
     * through {@link #decode(byte[])}, which gives the reason.
     */
    public static ClearanceClaims decode(byte[] in, int off, int len, DecodeScratch s) throws MalformedCodeException {
        ClearanceClaims c = readIssuedShape(s.cursor.wrap(in, off, len), in, s);
        return c != null ? c : decode(java.util.Arrays.copyOfRange(in, off, off + len));
    }

    /** The claims if the payload has the issued shape and passes every check of {@link #decode(byte[])}, else null. */
    private static ClearanceClaims readIssuedShape(CborCursor c, byte[] in, DecodeScratch s) {
        if (c.head(5) != 10 || c.head(0) != 1 || c.head(0) != VERSION) {
            return null;
        }
        String reportId = c.head(0) == 2 ? asciiText(c, in, 1, ReportDocument.MAX_ID) : null;
        if (reportId == null || c.head(0) != 3 || c.head(2) != ReportDocument.DIGEST_LENGTH) {
            return null;
        }
        int digestOff = c.position();
        c.skip(ReportDocument.DIGEST_LENGTH);
        String standard = c.head(0) == 4 ? asciiText(c, in, 1, ReportDocument.MAX_STANDARD) : null;
        String labId = standard != null && c.head(0) == 5 ? asciiText(c, in, 1, ReportDocument.MAX_LAB_ID) : null;
        if (labId == null || c.head(0) != 6 || c.head(2) != Uscc.PACKED_LENGTH) {
            return null;
        }
        int packedOff = c.position();
        c.skip(Uscc.PACKED_LENGTH);
        if (!Uscc.unpack(in, packedOff, s.exporter, 0) || !Uscc.isValid(s.exporter, 0, Uscc.LENGTH)
                || !Uscc.pack(s.exporter, 0, s.packedExporter, 0)
                || !java.util.Arrays.equals(s.packedExporter, 0, Uscc.PACKED_LENGTH, in, packedOff, packedOff + Uscc.PACKED_LENGTH)) {
            return null;
        }
        if (c.head(0) != 7) {
            return null;
        }
        long productLen = c.head(3);
        int productOff = c.position();
        if (productLen < 8 || productLen > Product.MAX_HS + 1 + Product.MAX_MODEL_BYTES
                || !CborCursor.printableAscii(in, productOff, (int) productLen)) {
            return null;
        }
        c.skip((int) productLen);
        int slash = -1;
        for (int i = 0; i < productLen && slash < 0; i++) {
            slash = in[productOff + i] == '/' ? i : -1;
        }
        int modelLen = (int) productLen - slash - 1;
        if (slash < 1 || slash > Product.MAX_HS || modelLen < 1 || modelLen > Product.MAX_MODEL_BYTES) {
            return null;
        }
        long issue = c.head(0) == 8 ? c.head(0) : -1;
        long expiry = c.head(0) == 9 ? c.head(0) : -1;
        if (issue < 0 || issue > 200_000 || expiry < 0 || expiry > 200_000 || c.head(0) != 10) {
            return null;
        }
        long maskLen = c.head(2);
        int maskOff = c.position();
        if (maskLen < 1 || maskLen > 4 || (maskLen > 1 && in[maskOff] == 0)) {
            return null;
        }
        c.skip((int) maskLen);
        if (!c.atEnd()) {
            return null;
        }
        int mask = 0;
        for (int i = 0; i < maskLen; i++) {
            mask = (mask << 8) | (in[maskOff + i] & 0xff);
        }
        return new ClearanceClaims(reportId, java.util.Arrays.copyOfRange(in, digestOff, digestOff + ReportDocument.DIGEST_LENGTH),
                standard, labId, new String(s.exporter, 0, Uscc.LENGTH, StandardCharsets.ISO_8859_1),
                new Product(new String(in, productOff, slash, StandardCharsets.ISO_8859_1),
                        new String(in, productOff + slash + 1, modelLen, StandardCharsets.ISO_8859_1)),
                (int) issue, (int) expiry, mask);
    }

    /** A text string of {@code min..max} printable ASCII bytes at the cursor, or null. */
    private static String asciiText(CborCursor c, byte[] in, int min, int max) {
        long n = c.head(3);
        int at = c.position();
        if (n < min || n > max || !CborCursor.printableAscii(in, at, (int) n)) {
            return null;
        }
        c.skip((int) n);
        return new String(in, at, (int) n, StandardCharsets.ISO_8859_1);
    }

    /** Decodes and checks a payload; unknown keys, wrong types and bad values are malformed. */
    public static ClearanceClaims decode(byte[] payload) throws MalformedCodeException {
        try {
            Map<?, ?> m = CborFields.asMap(Cbor.decode(payload, CborLimits.CODE), "payload");
            long version = CborFields.longIn(m, 1, "format version", 0, Long.MAX_VALUE);
            if (version != VERSION) {
                throw new MalformedCodeException(MalformedCodeException.Kind.UNSUPPORTED_VERSION, "payload format version " + version);
            }
            CborFields.onlyKeys(m, "payload", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            String productText = CborFields.text(m, 7, "product", 8, Product.MAX_HS + 1 + Product.MAX_MODEL_BYTES);
            int slash = productText.indexOf('/');
            if (slash < 1) {
                throw new CborException("product must be HS/MODEL");
            }
            byte[] packedExporter = CborFields.bytes(m, 6, "exporter", Uscc.PACKED_LENGTH, Uscc.PACKED_LENGTH);
            byte[] exporterAscii = Uscc.unpack(packedExporter);
            if (exporterAscii == null || !Uscc.isValid(exporterAscii, 0, Uscc.LENGTH)
                    || !java.util.Arrays.equals(Uscc.pack(exporterAscii, 0), packedExporter)) {
                throw new CborException("exporter is not a valid packed Unified Social Credit Code");
            }
            String reportId = CborFields.text(m, 2, "report id", 1, ReportDocument.MAX_ID);
            String standard = CborFields.text(m, 4, "standard", 1, ReportDocument.MAX_STANDARD);
            String labId = CborFields.text(m, 5, "lab id", 1, ReportDocument.MAX_LAB_ID);
            String exporter = new String(exporterAscii, StandardCharsets.US_ASCII);
            String hs = productText.substring(0, slash);
            String model = productText.substring(slash + 1);
            if (hs.length() > Product.MAX_HS || model.isEmpty()) {
                throw new CborException("product must be HS/MODEL");
            }
            if (!ascii(reportId) || !ascii(standard) || !ascii(labId) || !ascii(exporter) || !ascii(hs)
                    || model.getBytes(StandardCharsets.UTF_8).length > Product.MAX_MODEL_BYTES) {
                throw new CborException("identifiers must be ASCII and within their lengths");
            }
            return new ClearanceClaims(reportId,
                    CborFields.bytes(m, 3, "report digest", ReportDocument.DIGEST_LENGTH, ReportDocument.DIGEST_LENGTH),
                    standard, labId, exporter, new Product(hs, model),
                    (int) CborFields.longIn(m, 8, "issue date", 0, 200_000),
                    (int) CborFields.longIn(m, 9, "earliest expiry", 0, 200_000),
                    maskOf(CborFields.bytes(m, 10, "items passed", 1, 4)));
        } catch (CborException e) {
            throw new MalformedCodeException("claims: " + e.getMessage());
        }
    }

    /** A mask as the fewest big-endian bytes (at least one, no leading zero byte). */
    static byte[] maskBytes(int mask) {
        int n = Math.max(1, (32 - Integer.numberOfLeadingZeros(mask) + 7) / 8);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[n - 1 - i] = (byte) (mask >>> (8 * i));
        }
        return b;
    }

    private static int maskOf(byte[] b) throws CborException {
        if (b.length > 1 && b[0] == 0) {
            throw new CborException("items passed has a leading zero byte");
        }
        int m = 0;
        for (byte x : b) {
            m = (m << 8) | (x & 0xff);
        }
        return m;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    public String reportId() {
        return reportId;
    }

    /** Report id as ASCII bytes (shared; do not modify). */
    public byte[] reportIdBytes() {
        return reportIdBytes;
    }

    /** Digest bytes (shared; do not modify). */
    public byte[] digestBytes() {
        return digest;
    }

    public String standard() {
        return standard;
    }

    public byte[] standardBytes() {
        return standardBytes;
    }

    public String labId() {
        return labId;
    }

    public byte[] labIdBytes() {
        return labIdBytes;
    }

    public String exporter() {
        return exporter;
    }

    public byte[] exporterBytes() {
        return exporterBytes;
    }

    public Product product() {
        return product;
    }

    public byte[] hsBytes() {
        return hsBytes;
    }

    public byte[] modelBytes() {
        return modelBytes;
    }

    public int issueDay() {
        return issueDay;
    }

    public int expiryDay() {
        return expiryDay;
    }

    public int passedMask() {
        return passedMask;
    }

    public LocalDate issueDate() {
        return LocalDate.ofEpochDay(issueDay);
    }

    public LocalDate expiryDate() {
        return LocalDate.ofEpochDay(expiryDay);
    }
}
