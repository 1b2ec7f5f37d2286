package gcc.report;

import gcc.cbor.Cbor;
import gcc.cbor.CborException;
import gcc.cbor.CborFields;
import gcc.cbor.CborLimits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A GB 31701 test report as a lab registers it: what was tested, for whom, and every item's
 * result and test date. Immutable.
 *
 * <p>Its canonical bytes ({@link #canonicalBytes()}) are a deterministic CBOR map defined in
 * {@code docs/code-format.md}; the report digest that a clearance code carries is the first
 * {@value #DIGEST_LENGTH} bytes of SHA-256 over them. {@link #problems()} lists everything wrong
 * with a document so an importer can report each bad one and load the rest.
 */
public final class ReportDocument {
    /** Bytes of the report digest carried in codes and kept in the registry. */
    public static final int DIGEST_LENGTH = 16;
    /** Highest item number a report can carry (item sets travel as 32-bit masks). */
    public static final int MAX_ITEM = 31;
    public static final int MAX_ID = 32;
    public static final int MAX_LAB_ID = 16;
    public static final int MAX_STANDARD = 24;

    private static final int FORMAT = 1;

    private final String reportId;
    private final String labId;
    private final String standard;
    private final Product product;
    private final String exporter;
    private final LocalDate issueDate;
    private final List<ItemResult> items;
    private final String supersedes;

    public ReportDocument(String reportId, String labId, String standard, Product product, String exporter,
                          LocalDate issueDate, List<ItemResult> items, String supersedes) {
        this.reportId = Objects.requireNonNull(reportId, "reportId");
        this.labId = Objects.requireNonNull(labId, "labId");
        this.standard = Objects.requireNonNull(standard, "standard");
        this.product = Objects.requireNonNull(product, "product");
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.issueDate = Objects.requireNonNull(issueDate, "issueDate");
        List<ItemResult> sorted = new ArrayList<>(Objects.requireNonNull(items, "items"));
        sorted.sort(Comparator.comparingInt(ItemResult::item));
        this.items = List.copyOf(sorted);
        this.supersedes = supersedes;
    }

    public String reportId() {
        return reportId;
    }

    public String labId() {
        return labId;
    }

    public String standard() {
        return standard;
    }

    public Product product() {
        return product;
    }

    /** The exporter's Unified Social Credit Code. */
    public String exporter() {
        return exporter;
    }

    public LocalDate issueDate() {
        return issueDate;
    }

    /** Item results sorted by item number. */
    public List<ItemResult> items() {
        return items;
    }

    /** The report id this one revises, or {@code null}. */
    public String supersedes() {
        return supersedes;
    }

    /** A copy that revises {@code previousId}. */
    public ReportDocument withSupersedes(String previousId) {
        return new ReportDocument(reportId, labId, standard, product, exporter, issueDate, items, previousId);
    }

    /**
     * Everything wrong with this document, each as one sentence; empty when it may be registered.
     * Checks identifiers, the exporter's check character, the product, duplicate items and dates.
     */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        identifier(p, "report id", reportId, MAX_ID);
        identifier(p, "lab id", labId, MAX_LAB_ID);
        if (standard.isBlank() || standard.length() > MAX_STANDARD || !printableAscii(standard)) {
            p.add("standard must be 1.." + MAX_STANDARD + " printable ASCII characters: '" + standard + "'");
        }
        if (!Uscc.isValid(exporter)) {
            p.add("exporter '" + exporter + "' is not a valid 18-character Unified Social Credit Code (GB 32100 check character)");
        }
        String hs = product.hsCode();
        if (hs.length() < 6 || hs.length() > Product.MAX_HS || !hs.chars().allMatch(c -> c >= '0' && c <= '9')) {
            p.add("product HS code must be 6..10 digits: '" + hs + "'");
        }
        int modelBytes = product.model().getBytes(StandardCharsets.UTF_8).length;
        if (modelBytes == 0 || modelBytes > Product.MAX_MODEL_BYTES || product.model().indexOf('/') >= 0) {
            p.add("product model must be 1.." + Product.MAX_MODEL_BYTES + " UTF-8 bytes without '/': '" + product.model() + "'");
        }
        if (items.isEmpty()) {
            p.add("report has no item results");
        }
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i).item() == items.get(i - 1).item()) {
                p.add("item " + items.get(i).item() + " appears more than once");
            }
        }
        for (ItemResult r : items) {
            if (r.testDate().isAfter(issueDate)) {
                p.add("item " + r.item() + " was tested (" + r.testDate() + ") after the report was issued (" + issueDate + ")");
            }
            // The journal stores dates as epoch days from 1970; an earlier date could be registered
            // but not replayed, and the registry would not open again.
            if (r.testDate().getYear() < 2000) {
                p.add("item " + r.item() + " test date out of range (before 2000): " + r.testDate());
            }
        }
        if (issueDate.getYear() < 2000 || issueDate.getYear() > 2150) {
            p.add("issue date out of range: " + issueDate);
        }
        if (supersedes != null) {
            identifier(p, "supersedes", supersedes, MAX_ID);
            if (supersedes.equals(reportId)) {
                p.add("a report cannot supersede itself");
            }
        }
        return p;
    }

    private static void identifier(List<String> p, String what, String v, int max) {
        boolean ok = !v.isEmpty() && v.length() <= max;
        for (int i = 0; ok && i < v.length(); i++) {
            char c = v.charAt(i);
            ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (i > 0 && (c == '-' || c == '.' || c == '_'));
        }
        if (!ok) {
            p.add(what + " must be 1.." + max + " characters of A-Z, 0-9 and (not first) - . _: '" + v + "'");
        }
    }

    private static boolean printableAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** The deterministic CBOR map whose SHA-256 is the report digest (layout in docs/code-format.md). */
    public byte[] canonicalBytes() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(0L, (long) FORMAT);
        m.put(1L, reportId);
        m.put(2L, labId);
        m.put(3L, standard);
        m.put(4L, List.of(product.hsCode(), product.model()));
        m.put(5L, exporter);
        m.put(6L, issueDate.toEpochDay());
        List<Object> list = new ArrayList<>(items.size());
        for (ItemResult r : items) {
            list.add(List.of((long) r.item(), r.pass() ? 1L : 0L, r.testDate().toEpochDay()));
        }
        m.put(7L, list);
        if (supersedes != null) {
            m.put(8L, supersedes);
        }
        return Cbor.encode(m);
    }

    /** The first 16 bytes of SHA-256 over {@link #canonicalBytes()}. */
    public byte[] digest() {
        try {
            byte[] full = MessageDigest.getInstance("SHA-256").digest(canonicalBytes());
            return Arrays.copyOf(full, DIGEST_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Decodes canonical bytes back into a document (for the registry journal and tools). */
    public static ReportDocument fromCanonicalBytes(byte[] bytes) throws CborException {
        Map<?, ?> m = CborFields.asMap(Cbor.decode(bytes, CborLimits.DOCUMENT), "report");
        CborFields.onlyKeys(m, "report", 0, 1, 2, 3, 4, 5, 6, 7, 8);
        if (CborFields.longIn(m, 0, "report format", 0, Long.MAX_VALUE) != FORMAT) {
            throw new CborException("unsupported report format");
        }
        List<?> prod = CborFields.asList(CborFields.require(m, 4, "product"), "product");
        if (prod.size() != 2) {
            throw new CborException("product must be [hs, model]");
        }
        List<?> raw = CborFields.asList(CborFields.require(m, 7, "items"), "items");
        List<ItemResult> items = new ArrayList<>(raw.size());
        for (Object o : raw) {
            List<?> it = CborFields.asList(o, "item");
            if (it.size() != 3 || !(it.get(0) instanceof Long no) || !(it.get(1) instanceof Long res)
                    || !(it.get(2) instanceof Long day) || no < 1 || no > MAX_ITEM || res < 0 || res > 1
                    || day < 0 || day > 200_000) {
                throw new CborException("item must be [number 1.." + MAX_ITEM + ", 0|1, day]");
            }
            items.add(new ItemResult(no.intValue(), res == 1, LocalDate.ofEpochDay(day)));
        }
        Object sup = m.get(8L);
        return new ReportDocument(
                CborFields.text(m, 1, "report id", 1, MAX_ID),
                CborFields.text(m, 2, "lab id", 1, MAX_LAB_ID),
                CborFields.text(m, 3, "standard", 1, MAX_STANDARD),
                new Product(CborFields.text(prod.get(0), "hs code", 1, Product.MAX_HS),
                        CborFields.text(prod.get(1), "model", 1, Product.MAX_MODEL_BYTES)),
                CborFields.text(m, 5, "exporter", 1, 64),
                LocalDate.ofEpochDay(CborFields.longIn(m, 6, "issue date", 0, 200_000)),
                items,
                sup == null ? null : CborFields.text(sup, "supersedes", 1, MAX_ID));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportDocument d && Arrays.equals(canonicalBytes(), d.canonicalBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(canonicalBytes());
    }

    @Override
    public String toString() {
        return "ReportDocument[" + reportId + ", lab " + labId + ", " + standard + ", " + product + ", exporter "
                + exporter + ", issued " + issueDate + ", " + items.size() + " items"
                + (supersedes == null ? "" : ", supersedes " + supersedes) + "]";
    }
}
