package gcc.registry;

import gcc.report.ItemResult;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.report.Uscc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Everything the release rules read about one registered report, in fixed-capacity fields so one
 * instance can be reused for every lookup ({@code getUsing} style) and a lookup allocates nothing.
 *
 * <p>Text fields are kept as bytes (ASCII, the product model UTF-8) with a length, so the rules
 * compare them with a declaration's bytes directly. Item sets are 32-bit masks where bit
 * {@code n-1} stands for item {@code n}; item test dates are epoch days indexed by item number.
 *
 * <p>Not thread-safe: each thread owns its instances.
 */
public final class ReportRecord {
    private final byte[] reportId = new byte[ReportDocument.MAX_ID];
    private int reportIdLength;
    private final byte[] digest = new byte[ReportDocument.DIGEST_LENGTH];
    private ReportStatus status = ReportStatus.ACTIVE;
    private final byte[] labId = new byte[ReportDocument.MAX_LAB_ID];
    private int labIdLength;
    private final byte[] standard = new byte[ReportDocument.MAX_STANDARD];
    private int standardLength;
    private final byte[] exporter = new byte[Uscc.LENGTH];
    private final byte[] hsCode = new byte[Product.MAX_HS];
    private int hsCodeLength;
    private final byte[] model = new byte[Product.MAX_MODEL_BYTES];
    private int modelLength;
    private int issueDay;
    private int presentMask;
    private int passMask;
    private final int[] testDay = new int[ReportDocument.MAX_ITEM + 1];
    private final byte[] supersededBy = new byte[ReportDocument.MAX_ID];
    private int supersededByLength;
    private long lastSequence;

    /** Fills this record from a validated document, as registered at {@code sequence}. */
    public ReportRecord fill(ReportDocument doc, byte[] digest16, long sequence) {
        clear();
        reportIdLength = put(reportId, doc.reportId());
        System.arraycopy(digest16, 0, digest, 0, ReportDocument.DIGEST_LENGTH);
        status = ReportStatus.ACTIVE;
        labIdLength = put(labId, doc.labId());
        standardLength = put(standard, doc.standard());
        put(exporter, doc.exporter());
        hsCodeLength = put(hsCode, doc.product().hsCode());
        modelLength = put(model, doc.product().model());
        issueDay = (int) doc.issueDate().toEpochDay();
        for (ItemResult r : doc.items()) {
            int bit = 1 << (r.item() - 1);
            presentMask |= bit;
            if (r.pass()) {
                passMask |= bit;
            }
            testDay[r.item()] = (int) r.testDate().toEpochDay();
        }
        lastSequence = sequence;
        return this;
    }

    /** Resets every field to empty. */
    public ReportRecord clear() {
        reportIdLength = labIdLength = standardLength = hsCodeLength = modelLength = supersededByLength = 0;
        Arrays.fill(digest, (byte) 0);
        Arrays.fill(exporter, (byte) 0);
        Arrays.fill(testDay, 0);
        status = ReportStatus.ACTIVE;
        issueDay = presentMask = passMask = 0;
        lastSequence = 0;
        return this;
    }

    /** Copies every field of {@code other} into this record. */
    public ReportRecord copyFrom(ReportRecord o) {
        System.arraycopy(o.reportId, 0, reportId, 0, o.reportIdLength);
        reportIdLength = o.reportIdLength;
        System.arraycopy(o.digest, 0, digest, 0, digest.length);
        status = o.status;
        System.arraycopy(o.labId, 0, labId, 0, o.labIdLength);
        labIdLength = o.labIdLength;
        System.arraycopy(o.standard, 0, standard, 0, o.standardLength);
        standardLength = o.standardLength;
        System.arraycopy(o.exporter, 0, exporter, 0, exporter.length);
        System.arraycopy(o.hsCode, 0, hsCode, 0, o.hsCodeLength);
        hsCodeLength = o.hsCodeLength;
        System.arraycopy(o.model, 0, model, 0, o.modelLength);
        modelLength = o.modelLength;
        issueDay = o.issueDay;
        presentMask = o.presentMask;
        passMask = o.passMask;
        System.arraycopy(o.testDay, 0, testDay, 0, testDay.length);
        System.arraycopy(o.supersededBy, 0, supersededBy, 0, o.supersededByLength);
        supersededByLength = o.supersededByLength;
        lastSequence = o.lastSequence;
        return this;
    }

    private static int put(byte[] dst, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > dst.length) {
            throw new IllegalArgumentException("field longer than " + dst.length + " bytes: " + s);
        }
        System.arraycopy(b, 0, dst, 0, b.length);
        return b.length;
    }

    private static boolean same(byte[] a, int aLen, byte[] b, int off, int len) {
        return aLen == len && Arrays.equals(a, 0, aLen, b, off, off + len);
    }

    // ---- comparisons used by the rules (allocation-free)

    public boolean reportIdEquals(byte[] b, int off, int len) {
        return same(reportId, reportIdLength, b, off, len);
    }

    public boolean digestEquals(byte[] b, int off, int len) {
        return same(digest, digest.length, b, off, len);
    }

    public boolean labIdEquals(byte[] b, int off, int len) {
        return same(labId, labIdLength, b, off, len);
    }

    public boolean standardEquals(byte[] b, int off, int len) {
        return same(standard, standardLength, b, off, len);
    }

    public boolean exporterEquals(byte[] b, int off, int len) {
        return same(exporter, exporter.length, b, off, len);
    }

    public boolean hsCodeEquals(byte[] b, int off, int len) {
        return same(hsCode, hsCodeLength, b, off, len);
    }

    public boolean modelEquals(byte[] b, int off, int len) {
        return same(model, modelLength, b, off, len);
    }

    // ---- raw access for storage codecs (the arrays are live; copy what you keep)

    public byte[] reportIdBytes() {
        return reportId;
    }

    public int reportIdLength() {
        return reportIdLength;
    }

    public byte[] digestBytes() {
        return digest;
    }

    public byte[] labIdBytes() {
        return labId;
    }

    public int labIdLength() {
        return labIdLength;
    }

    public byte[] standardBytes() {
        return standard;
    }

    public int standardLength() {
        return standardLength;
    }

    public byte[] exporterBytes() {
        return exporter;
    }

    public byte[] hsCodeBytes() {
        return hsCode;
    }

    public int hsCodeLength() {
        return hsCodeLength;
    }

    public byte[] modelBytes() {
        return model;
    }

    public int modelLength() {
        return modelLength;
    }

    public byte[] supersededByBytes() {
        return supersededBy;
    }

    public int supersededByLength() {
        return supersededByLength;
    }

    /** Test dates as epoch days indexed by item number (index 0 unused); live array. */
    public int[] testDays() {
        return testDay;
    }

    public ReportStatus status() {
        return status;
    }

    public int issueDay() {
        return issueDay;
    }

    public int presentMask() {
        return presentMask;
    }

    public int passMask() {
        return passMask;
    }

    public long lastSequence() {
        return lastSequence;
    }

    // ---- setters for storage codecs and the registry transitions

    public ReportRecord status(ReportStatus s) {
        this.status = s;
        return this;
    }

    public ReportRecord lastSequence(long seq) {
        this.lastSequence = seq;
        return this;
    }

    public ReportRecord supersededBy(String id) {
        supersededByLength = id == null ? 0 : put(supersededBy, id);
        return this;
    }

    public ReportRecord reportIdLength(int n) {
        reportIdLength = n;
        return this;
    }

    public ReportRecord labIdLength(int n) {
        labIdLength = n;
        return this;
    }

    public ReportRecord standardLength(int n) {
        standardLength = n;
        return this;
    }

    public ReportRecord hsCodeLength(int n) {
        hsCodeLength = n;
        return this;
    }

    public ReportRecord modelLength(int n) {
        modelLength = n;
        return this;
    }

    public ReportRecord supersededByLength(int n) {
        supersededByLength = n;
        return this;
    }

    public ReportRecord issueDay(int d) {
        issueDay = d;
        return this;
    }

    public ReportRecord presentMask(int m) {
        presentMask = m;
        return this;
    }

    public ReportRecord passMask(int m) {
        passMask = m;
        return this;
    }

    // ---- display (allocates)

    public String reportId() {
        return new String(reportId, 0, reportIdLength, StandardCharsets.US_ASCII);
    }

    public String labId() {
        return new String(labId, 0, labIdLength, StandardCharsets.US_ASCII);
    }

    public String standard() {
        return new String(standard, 0, standardLength, StandardCharsets.US_ASCII);
    }

    public String exporter() {
        return new String(exporter, StandardCharsets.US_ASCII);
    }

    public Product product() {
        return new Product(new String(hsCode, 0, hsCodeLength, StandardCharsets.US_ASCII),
                new String(model, 0, modelLength, StandardCharsets.UTF_8));
    }

    /** The report that superseded this one, or {@code null}. */
    public String supersededBy() {
        return supersededByLength == 0 ? null : new String(supersededBy, 0, supersededByLength, StandardCharsets.US_ASCII);
    }

    /** True if both records hold the same values in every field. */
    public boolean sameAs(ReportRecord o) {
        return same(reportId, reportIdLength, o.reportId, 0, o.reportIdLength)
                && Arrays.equals(digest, o.digest) && status == o.status
                && same(labId, labIdLength, o.labId, 0, o.labIdLength)
                && same(standard, standardLength, o.standard, 0, o.standardLength)
                && Arrays.equals(exporter, o.exporter)
                && same(hsCode, hsCodeLength, o.hsCode, 0, o.hsCodeLength)
                && same(model, modelLength, o.model, 0, o.modelLength)
                && issueDay == o.issueDay && presentMask == o.presentMask && passMask == o.passMask
                && Arrays.equals(testDay, o.testDay)
                && same(supersededBy, supersededByLength, o.supersededBy, 0, o.supersededByLength)
                && lastSequence == o.lastSequence;
    }

    @Override
    public String toString() {
        return "ReportRecord[" + reportId() + ", " + status + ", lab " + labId() + ", " + standard() + ", "
                + product() + ", exporter " + exporter() + ", present " + Integer.toBinaryString(presentMask)
                + ", pass " + Integer.toBinaryString(passMask) + ", seq " + lastSequence
                + (supersededByLength == 0 ? "" : ", superseded by " + supersededBy()) + "]";
    }
}
