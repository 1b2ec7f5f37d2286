package gcc.registry;

import gcc.report.ItemResult;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.report.Uscc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the release rules read about one registered report, in fixed-capacity fields so one
 * instance can be reused for every lookup ({@code getUsing} style) and a lookup allocates nothing.
 *
 * <p>Text fields are kept as bytes (ASCII, product models UTF-8) with a length, so the rules
 * compare them with a declaration's bytes directly. Item sets are 32-bit masks where bit
 * {@code n-1} stands for item {@code n}; item test dates are epoch days indexed by item number.
 * A report covers a series of up to {@value ReportDocument#MAX_PRODUCTS} products and authorizes
 * its manufacturer (exporter 0) plus up to {@value ReportDocument#MAX_AGENTS} agents.
 *
 * <p>The itemized figures (measured value, limit, unit, method) are not here: the rules never read
 * them, so they stay in the registry journal (or, with several ports, the registry topic's
 * message), which {@link #documentPosition()} points into.
 *
 * <p>Not thread-safe: each thread owns its instances.
 */
public final class ReportRecord {
    public static final int MAX_EXPORTERS = 1 + ReportDocument.MAX_AGENTS;
    private static final byte[] IMPLIED = ReportDocument.IMPLIED_PROFILE.getBytes(StandardCharsets.US_ASCII);

    private final byte[] reportId = new byte[ReportDocument.MAX_ID];
    private int reportIdLength;
    private final byte[] digest = new byte[ReportDocument.DIGEST_LENGTH];
    private ReportStatus status = ReportStatus.ACTIVE;
    private final byte[] labId = new byte[ReportDocument.MAX_LAB_ID];
    private int labIdLength;
    private final byte[] standard = new byte[ReportDocument.MAX_STANDARD];
    private int standardLength;
    private final byte[] profile = new byte[ReportDocument.MAX_PROFILE];
    private int profileLength;
    private final byte[] productClass = new byte[ReportDocument.MAX_CLASS];
    private int productClassLength;
    private final byte[][] exporters = new byte[MAX_EXPORTERS][Uscc.LENGTH];
    private int exporterCount;
    private final byte[][] hsCodes = new byte[ReportDocument.MAX_PRODUCTS][Product.MAX_HS];
    private final int[] hsLengths = new int[ReportDocument.MAX_PRODUCTS];
    private final byte[][] models = new byte[ReportDocument.MAX_PRODUCTS][Product.MAX_MODEL_BYTES];
    private final int[] modelLengths = new int[ReportDocument.MAX_PRODUCTS];
    private int productCount;
    private int issueDay;
    private int presentMask;
    private int passMask;
    private int notApplicableMask;
    private final int[] testDay = new int[ReportDocument.MAX_ITEM + 1];
    private final byte[] supersededBy = new byte[ReportDocument.MAX_ID];
    private int supersededByLength;
    private long lastSequence;
    private long documentPosition;

    /** Fills this record from a validated document, as registered at {@code sequence}. */
    public ReportRecord fill(ReportDocument doc, byte[] digest16, long sequence) {
        clear();
        reportIdLength = put(reportId, doc.reportId());
        System.arraycopy(digest16, 0, digest, 0, ReportDocument.DIGEST_LENGTH);
        status = ReportStatus.ACTIVE;
        labIdLength = put(labId, doc.labId());
        standardLength = put(standard, doc.standard());
        profileLength = put(profile, doc.profile());
        productClassLength = put(productClass, doc.productClass());
        for (String e : doc.authorizedExporters()) {
            put(exporters[exporterCount++], e);
        }
        for (Product p : doc.products()) {
            hsLengths[productCount] = put(hsCodes[productCount], p.hsCode());
            modelLengths[productCount] = put(models[productCount], p.model());
            productCount++;
        }
        issueDay = (int) doc.issueDate().toEpochDay();
        for (ItemResult r : doc.items()) {
            int bit = 1 << (r.item() - 1);
            presentMask |= bit;
            passMask |= switch (r.result()) {
                case PASS -> bit;
                case FAIL, NOT_APPLICABLE -> 0;
            };
            notApplicableMask |= switch (r.result()) {
                case NOT_APPLICABLE -> bit;
                case PASS, FAIL -> 0;
            };
            testDay[r.item()] = r.testDate() == null ? 0 : (int) r.testDate().toEpochDay();
        }
        lastSequence = sequence;
        documentPosition = sequence;
        return this;
    }

    /** Resets every field to empty. */
    public ReportRecord clear() {
        reportIdLength = labIdLength = standardLength = profileLength = productClassLength = supersededByLength = 0;
        exporterCount = productCount = 0;
        Arrays.fill(digest, (byte) 0);
        Arrays.fill(testDay, 0);
        status = ReportStatus.ACTIVE;
        issueDay = presentMask = passMask = notApplicableMask = 0;
        lastSequence = documentPosition = 0;
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
        System.arraycopy(o.profile, 0, profile, 0, o.profileLength);
        profileLength = o.profileLength;
        System.arraycopy(o.productClass, 0, productClass, 0, o.productClassLength);
        productClassLength = o.productClassLength;
        exporterCount = o.exporterCount;
        for (int i = 0; i < exporterCount; i++) {
            System.arraycopy(o.exporters[i], 0, exporters[i], 0, Uscc.LENGTH);
        }
        productCount = o.productCount;
        for (int i = 0; i < productCount; i++) {
            System.arraycopy(o.hsCodes[i], 0, hsCodes[i], 0, o.hsLengths[i]);
            hsLengths[i] = o.hsLengths[i];
            System.arraycopy(o.models[i], 0, models[i], 0, o.modelLengths[i]);
            modelLengths[i] = o.modelLengths[i];
        }
        issueDay = o.issueDay;
        presentMask = o.presentMask;
        passMask = o.passMask;
        notApplicableMask = o.notApplicableMask;
        System.arraycopy(o.testDay, 0, testDay, 0, testDay.length);
        System.arraycopy(o.supersededBy, 0, supersededBy, 0, o.supersededByLength);
        supersededByLength = o.supersededByLength;
        lastSequence = o.lastSequence;
        documentPosition = o.documentPosition;
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

    /** True if the manufacturer (the exporter a code names) is the USCC given. */
    public boolean manufacturerEquals(byte[] b, int off, int len) {
        return exporterCount > 0 && same(exporters[0], Uscc.LENGTH, b, off, len);
    }

    /** True if the USCC given is the manufacturer or one of the authorized agents. */
    public boolean authorizes(byte[] b, int off, int len) {
        for (int i = 0; i < exporterCount; i++) {
            if (same(exporters[i], Uscc.LENGTH, b, off, len)) {
                return true;
            }
        }
        return false;
    }

    /** True if the series holds a product with exactly this HS code and model. */
    public boolean coversProduct(byte[] hs, int hsOff, int hsLen, byte[] model, int modelOff, int modelLen) {
        for (int i = 0; i < productCount; i++) {
            if (same(hsCodes[i], hsLengths[i], hs, hsOff, hsLen) && same(models[i], modelLengths[i], model, modelOff, modelLen)) {
                return true;
            }
        }
        return false;
    }

    /** True if any product of the series has this HS code. */
    public boolean coversHsCode(byte[] b, int off, int len) {
        for (int i = 0; i < productCount; i++) {
            if (same(hsCodes[i], hsLengths[i], b, off, len)) {
                return true;
            }
        }
        return false;
    }

    /** True if any product of the series has this model. */
    public boolean coversModel(byte[] b, int off, int len) {
        for (int i = 0; i < productCount; i++) {
            if (same(models[i], modelLengths[i], b, off, len)) {
                return true;
            }
        }
        return false;
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

    public byte[] profileBytes() {
        return profile;
    }

    public int profileLength() {
        return profileLength;
    }

    public byte[] productClassBytes() {
        return productClass;
    }

    public int productClassLength() {
        return productClassLength;
    }

    public int exporterCount() {
        return exporterCount;
    }

    /** Exporter {@code i} (0 = manufacturer) as 18 ASCII bytes; live array. */
    public byte[] exporterBytes(int i) {
        return exporters[i];
    }

    public int productCount() {
        return productCount;
    }

    public byte[] hsCodeBytes(int i) {
        return hsCodes[i];
    }

    public int hsCodeLength(int i) {
        return hsLengths[i];
    }

    public byte[] modelBytes(int i) {
        return models[i];
    }

    public int modelLength(int i) {
        return modelLengths[i];
    }

    public byte[] supersededByBytes() {
        return supersededBy;
    }

    public int supersededByLength() {
        return supersededByLength;
    }

    /** Test dates as epoch days indexed by item number (index 0 unused; 0 for not-applicable items); live array. */
    public int[] testDays() {
        return testDay;
    }

    public ReportStatus status() {
        return status;
    }

    public int issueDay() {
        return issueDay;
    }

    /** Items with a result of any kind, PASS, FAIL or NOT_APPLICABLE. */
    public int presentMask() {
        return presentMask;
    }

    public int passMask() {
        return passMask;
    }

    public int notApplicableMask() {
        return notApplicableMask;
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** Journal sequence of the REGISTER or REVISE that created this record (where its document is). */
    public long documentPosition() {
        return documentPosition;
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

    public ReportRecord documentPosition(long seq) {
        this.documentPosition = seq;
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

    public ReportRecord profileLength(int n) {
        profileLength = n;
        return this;
    }

    /** Sets the profile to {@link ReportDocument#IMPLIED_PROFILE} (storage codecs reading older layouts); no allocation. */
    public ReportRecord impliedProfile() {
        System.arraycopy(IMPLIED, 0, profile, 0, IMPLIED.length);
        profileLength = IMPLIED.length;
        return this;
    }

    public ReportRecord productClassLength(int n) {
        productClassLength = n;
        return this;
    }

    public ReportRecord exporterCount(int n) {
        if (n < 0 || n > MAX_EXPORTERS) {
            throw new IllegalStateException("a record holds 0.." + MAX_EXPORTERS + " exporters, not " + n);
        }
        exporterCount = n;
        return this;
    }

    public ReportRecord productCount(int n) {
        if (n < 0 || n > ReportDocument.MAX_PRODUCTS) {
            throw new IllegalStateException("a record holds 0.." + ReportDocument.MAX_PRODUCTS + " products, not " + n);
        }
        productCount = n;
        return this;
    }

    public ReportRecord hsCodeLength(int i, int n) {
        hsLengths[i] = n;
        return this;
    }

    public ReportRecord modelLength(int i, int n) {
        modelLengths[i] = n;
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

    public ReportRecord notApplicableMask(int m) {
        notApplicableMask = m;
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

    public String profile() {
        return new String(profile, 0, profileLength, StandardCharsets.US_ASCII);
    }

    /** The product class, or "" for none. */
    public String productClass() {
        return new String(productClass, 0, productClassLength, StandardCharsets.US_ASCII);
    }

    /** The manufacturer's USCC. */
    public String exporter() {
        return exporterCount == 0 ? "" : new String(exporters[0], StandardCharsets.US_ASCII);
    }

    /** The manufacturer, then every authorized agent. */
    public List<String> authorizedExporters() {
        List<String> out = new ArrayList<>(exporterCount);
        for (int i = 0; i < exporterCount; i++) {
            out.add(new String(exporters[i], StandardCharsets.US_ASCII));
        }
        return out;
    }

    /** The first product (the one a code names). */
    public Product product() {
        return products().get(0);
    }

    public List<Product> products() {
        List<Product> out = new ArrayList<>(productCount);
        for (int i = 0; i < productCount; i++) {
            out.add(new Product(new String(hsCodes[i], 0, hsLengths[i], StandardCharsets.US_ASCII),
                    new String(models[i], 0, modelLengths[i], StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The report that superseded this one, or {@code null}. */
    public String supersededBy() {
        return supersededByLength == 0 ? null : new String(supersededBy, 0, supersededByLength, StandardCharsets.US_ASCII);
    }

    /** True if both records hold the same values in every field. */
    public boolean sameAs(ReportRecord o) {
        if (exporterCount != o.exporterCount || productCount != o.productCount) {
            return false;
        }
        for (int i = 0; i < exporterCount; i++) {
            if (!Arrays.equals(exporters[i], o.exporters[i])) {
                return false;
            }
        }
        for (int i = 0; i < productCount; i++) {
            if (!same(hsCodes[i], hsLengths[i], o.hsCodes[i], 0, o.hsLengths[i])
                    || !same(models[i], modelLengths[i], o.models[i], 0, o.modelLengths[i])) {
                return false;
            }
        }
        return same(reportId, reportIdLength, o.reportId, 0, o.reportIdLength)
                && Arrays.equals(digest, o.digest) && status == o.status
                && same(labId, labIdLength, o.labId, 0, o.labIdLength)
                && same(standard, standardLength, o.standard, 0, o.standardLength)
                && same(profile, profileLength, o.profile, 0, o.profileLength)
                && same(productClass, productClassLength, o.productClass, 0, o.productClassLength)
                && issueDay == o.issueDay && presentMask == o.presentMask && passMask == o.passMask
                && notApplicableMask == o.notApplicableMask
                && Arrays.equals(testDay, o.testDay)
                && same(supersededBy, supersededByLength, o.supersededBy, 0, o.supersededByLength)
                && lastSequence == o.lastSequence && documentPosition == o.documentPosition;
    }

    @Override
    public String toString() {
        return "ReportRecord[" + reportId() + ", " + status + ", lab " + labId() + ", " + standard() + ", profile "
                + profile() + ", " + products() + ", exporters " + authorizedExporters() + ", present "
                + Integer.toBinaryString(presentMask) + ", pass " + Integer.toBinaryString(passMask) + ", n/a "
                + Integer.toBinaryString(notApplicableMask) + ", seq " + lastSequence
                + (supersededByLength == 0 ? "" : ", superseded by " + supersededBy()) + "]";
    }
}
