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
 * A test report as a lab registers it: what was tested (a product series: one or more HS codes
 * and models), for whom (the manufacturer and the agents it authorizes to export under the
 * report), against which item profile, and every item's result (PASS, FAIL or NOT_APPLICABLE),
 * test date and itemized figures. Immutable.
 *
 * <p>Its canonical bytes ({@link #canonicalBytes()}) are a deterministic CBOR map defined in
 * {@code docs/code-format.md}; the report digest that a clearance code carries is the first
 * {@value #DIGEST_LENGTH} bytes of SHA-256 over them. A report that uses nothing newer than the
 * first format (implied profile, one product, no agents, no product class, PASS/FAIL without
 * figures) is still written in format 1, so digests of reports registered before format 2 do not
 * change. {@link #problems()} lists everything wrong with a document so an importer can report
 * each bad one and load the rest.
 */
public final class ReportDocument {
    /** Bytes of the report digest carried in codes and kept in the registry. */
    public static final int DIGEST_LENGTH = 16;
    /** Highest item number a report can carry (item sets travel as 32-bit masks). */
    public static final int MAX_ITEM = 31;
    public static final int MAX_ID = 32;
    public static final int MAX_LAB_ID = 16;
    public static final int MAX_STANDARD = 24;
    public static final int MAX_PROFILE = 24;
    public static final int MAX_CLASS = 16;
    /** Most products (HS code and model) one report's series covers. */
    public static final int MAX_PRODUCTS = 16;
    /** Most agents a manufacturer can authorize to export under one report. */
    public static final int MAX_AGENTS = 8;
    /**
     * The item profile of a report that names none: reports registered before reports carried a
     * profile were judged against the provisional GB 31701-2026 list, which policies keep under this id.
     */
    public static final String IMPLIED_PROFILE = "GB31701-2026.1";

    private static final int FORMAT_1 = 1;
    private static final int FORMAT_2 = 2;

    private final String reportId;
    private final String labId;
    private final String standard;
    private final String profile;
    private final String productClass;
    private final List<Product> products;
    private final String exporter;
    private final List<String> agents;
    private final LocalDate issueDate;
    private final List<ItemResult> items;
    private final String supersedes;

    /** A report on the implied profile, for one product, exported by its manufacturer only. */
    public ReportDocument(String reportId, String labId, String standard, Product product, String exporter,
                          LocalDate issueDate, List<ItemResult> items, String supersedes) {
        this(reportId, labId, standard, IMPLIED_PROFILE, "", List.of(product), exporter, List.of(), issueDate, items,
                supersedes);
    }

    /**
     * @param profile      the item profile's id in the policy (e.g. {@code GB31701-2026.1})
     * @param productClass the product class the policy's not-applicable rules read ("" = none)
     * @param products     the series: the first is the one the code names
     * @param exporter     the manufacturer's Unified Social Credit Code
     * @param agents       USCCs of agents (forwarders, foreign-trade service companies) authorized to export under it
     */
    public ReportDocument(String reportId, String labId, String standard, String profile, String productClass,
                          List<Product> products, String exporter, List<String> agents, LocalDate issueDate,
                          List<ItemResult> items, String supersedes) {
        this.reportId = Objects.requireNonNull(reportId, "reportId");
        this.labId = Objects.requireNonNull(labId, "labId");
        this.standard = Objects.requireNonNull(standard, "standard");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.productClass = Objects.requireNonNull(productClass, "productClass");
        this.products = List.copyOf(Objects.requireNonNull(products, "products"));
        if (this.products.isEmpty()) {
            throw new IllegalArgumentException("a report covers at least one product");
        }
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.agents = List.copyOf(Objects.requireNonNull(agents, "agents"));
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

    /** The id of the item profile this report is judged against. */
    public String profile() {
        return profile;
    }

    /** The product class the not-applicable rules read, or "" for none. */
    public String productClass() {
        return productClass;
    }

    /** The first product of the series: the one a code names. */
    public Product product() {
        return products.get(0);
    }

    /** Every product of the series, the code's first. */
    public List<Product> products() {
        return products;
    }

    /** The manufacturer's Unified Social Credit Code (the exporter a code names). */
    public String exporter() {
        return exporter;
    }

    /** Agents the manufacturer authorizes to export under this report. */
    public List<String> agents() {
        return agents;
    }

    /** The manufacturer, then every agent: everyone who may declare goods under this report. */
    public List<String> authorizedExporters() {
        List<String> all = new ArrayList<>(1 + agents.size());
        all.add(exporter);
        all.addAll(agents);
        return all;
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
        return new ReportDocument(reportId, labId, standard, profile, productClass, products, exporter, agents, issueDate,
                items, previousId);
    }

    /** A copy on another profile and product class. */
    public ReportDocument withProfile(String profileId, String cls) {
        return new ReportDocument(reportId, labId, standard, profileId, cls, products, exporter, agents, issueDate, items,
                supersedes);
    }

    /** A copy covering another series of products. */
    public ReportDocument withProducts(List<Product> series) {
        return new ReportDocument(reportId, labId, standard, profile, productClass, series, exporter, agents, issueDate,
                items, supersedes);
    }

    /** A copy authorizing other agents. */
    public ReportDocument withAgents(List<String> agentUsccs) {
        return new ReportDocument(reportId, labId, standard, profile, productClass, products, exporter, agentUsccs,
                issueDate, items, supersedes);
    }

    /** A copy with other item results. */
    public ReportDocument withItems(List<ItemResult> results) {
        return new ReportDocument(reportId, labId, standard, profile, productClass, products, exporter, agents, issueDate,
                results, supersedes);
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
        if (!name(profile, MAX_PROFILE)) {
            p.add("profile must be 1.." + MAX_PROFILE + " characters of A-Z a-z 0-9 . - _: '" + profile + "'");
        }
        if (!productClass.isEmpty() && !name(productClass, MAX_CLASS)) {
            p.add("product class must be 1.." + MAX_CLASS + " characters of A-Z a-z 0-9 . - _: '" + productClass + "'");
        }
        productAndAgentProblems(p);
        itemProblems(p);
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

    private void productAndAgentProblems(List<String> p) {
        if (products.size() > MAX_PRODUCTS) {
            p.add("a report covers at most " + MAX_PRODUCTS + " products, not " + products.size());
        }
        for (Product product : products) {
            String hs = product.hsCode();
            if (hs.length() < 6 || hs.length() > Product.MAX_HS || !hs.chars().allMatch(c -> c >= '0' && c <= '9')) {
                p.add("product HS code must be 6..10 digits: '" + hs + "'");
            }
            int modelBytes = product.model().getBytes(StandardCharsets.UTF_8).length;
            if (modelBytes == 0 || modelBytes > Product.MAX_MODEL_BYTES || product.model().indexOf('/') >= 0) {
                p.add("product model must be 1.." + Product.MAX_MODEL_BYTES + " UTF-8 bytes without '/': '" + product.model() + "'");
            }
        }
        if (new java.util.HashSet<>(products).size() != products.size()) {
            p.add("a product appears more than once in the series");
        }
        if (agents.size() > MAX_AGENTS) {
            p.add("a report authorizes at most " + MAX_AGENTS + " agents, not " + agents.size());
        }
        for (String a : agents) {
            if (!Uscc.isValid(a)) {
                p.add("agent '" + a + "' is not a valid 18-character Unified Social Credit Code (GB 32100 check character)");
            }
        }
        if (new java.util.HashSet<>(authorizedExporters()).size() != 1 + agents.size()) {
            p.add("an agent appears twice or is the manufacturer itself");
        }
    }

    private void itemProblems(List<String> p) {
        if (items.isEmpty()) {
            p.add("report has no item results");
        }
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i).item() == items.get(i - 1).item()) {
                p.add("item " + items.get(i).item() + " appears more than once");
            }
        }
        for (ItemResult r : items) {
            String m = r.measurement() == null ? null : r.measurement().problem();
            if (m != null) {
                p.add("item " + r.item() + ": " + m);
            }
            if (r.notApplicable() && (r.testDate() != null || r.measurement() != null)) {
                p.add("item " + r.item() + " is not applicable and so has no test date or figures");
            }
            if (r.testDate() != null && r.testDate().isAfter(issueDate)) {
                p.add("item " + r.item() + " was tested (" + r.testDate() + ") after the report was issued (" + issueDate + ")");
            }
            // The journal stores dates as epoch days from 1970; an earlier date could be registered
            // but not replayed, and the registry would not open again.
            if (r.testDate() != null && r.testDate().getYear() < 2000) {
                p.add("item " + r.item() + " test date out of range (before 2000): " + r.testDate());
            }
        }
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

    private static boolean name(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean printableAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** True if nothing in this report needs format 2 (so its digest is the same as before format 2). */
    private boolean firstFormat() {
        if (!profile.equals(IMPLIED_PROFILE) || !productClass.isEmpty() || products.size() != 1 || !agents.isEmpty()) {
            return false;
        }
        for (ItemResult r : items) {
            if (r.notApplicable() || r.measurement() != null) {
                return false;
            }
        }
        return true;
    }

    /** The deterministic CBOR map whose SHA-256 is the report digest (layout in docs/code-format.md). */
    public byte[] canonicalBytes() {
        boolean v1 = firstFormat();
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(0L, (long) (v1 ? FORMAT_1 : FORMAT_2));
        m.put(1L, reportId);
        m.put(2L, labId);
        m.put(3L, standard);
        m.put(4L, List.of(product().hsCode(), product().model()));
        m.put(5L, exporter);
        m.put(6L, issueDate.toEpochDay());
        List<Object> list = new ArrayList<>(items.size());
        for (ItemResult r : items) {
            if (r.notApplicable()) {
                list.add(List.of((long) r.item(), (long) r.result().code()));
            } else if (r.measurement() == null) {
                list.add(List.of((long) r.item(), (long) r.result().code(), r.testDate().toEpochDay()));
            } else {
                ItemResult.Measurement x = r.measurement();
                list.add(List.of((long) r.item(), (long) r.result().code(), r.testDate().toEpochDay(), x.value(), x.limit(),
                        x.unit(), x.method()));
            }
        }
        m.put(7L, list);
        if (supersedes != null) {
            m.put(8L, supersedes);
        }
        if (!v1) {
            m.put(9L, profile);
            if (!productClass.isEmpty()) {
                m.put(10L, productClass);
            }
            if (products.size() > 1) {
                List<Object> more = new ArrayList<>();
                for (Product p : products.subList(1, products.size())) {
                    more.add(List.of(p.hsCode(), p.model()));
                }
                m.put(11L, more);
            }
            if (!agents.isEmpty()) {
                m.put(12L, new ArrayList<Object>(agents));
            }
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

    /** Decodes canonical bytes (format 1 or 2) back into a document (for the registry journal and tools). */
    public static ReportDocument fromCanonicalBytes(byte[] bytes) throws CborException {
        Map<?, ?> m = CborFields.asMap(Cbor.decode(bytes, CborLimits.DOCUMENT), "report");
        long format = CborFields.longIn(m, 0, "report format", 0, Long.MAX_VALUE);
        if (format == FORMAT_1) {
            CborFields.onlyKeys(m, "report", 0, 1, 2, 3, 4, 5, 6, 7, 8);
        } else if (format == FORMAT_2) {
            CborFields.onlyKeys(m, "report", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        } else {
            throw new CborException("unsupported report format " + format);
        }
        List<Product> products = new ArrayList<>();
        products.add(product(CborFields.require(m, 4, "product")));
        List<String> agents = new ArrayList<>();
        String profile = IMPLIED_PROFILE;
        String cls = "";
        if (format == FORMAT_2) {
            profile = CborFields.text(m, 9, "profile", 1, MAX_PROFILE);
            cls = m.get(10L) == null ? "" : CborFields.text(m.get(10L), "product class", 1, MAX_CLASS);
            if (m.get(11L) != null) {
                for (Object o : CborFields.asList(m.get(11L), "products")) {
                    products.add(product(o));
                }
            }
            if (m.get(12L) != null) {
                for (Object o : CborFields.asList(m.get(12L), "agents")) {
                    agents.add(CborFields.text(o, "agent", 18, 18));
                }
            }
        }
        List<?> raw = CborFields.asList(CborFields.require(m, 7, "items"), "items");
        List<ItemResult> items = new ArrayList<>(raw.size());
        for (Object o : raw) {
            items.add(item(CborFields.asList(o, "item"), format));
        }
        Object sup = m.get(8L);
        return new ReportDocument(
                CborFields.text(m, 1, "report id", 1, MAX_ID),
                CborFields.text(m, 2, "lab id", 1, MAX_LAB_ID),
                CborFields.text(m, 3, "standard", 1, MAX_STANDARD),
                profile, cls, products,
                CborFields.text(m, 5, "exporter", 1, 64),
                agents,
                LocalDate.ofEpochDay(CborFields.longIn(m, 6, "issue date", 0, 200_000)),
                items,
                sup == null ? null : CborFields.text(sup, "supersedes", 1, MAX_ID));
    }

    private static Product product(Object o) throws CborException {
        List<?> prod = CborFields.asList(o, "product");
        if (prod.size() != 2) {
            throw new CborException("product must be [hs, model]");
        }
        return new Product(CborFields.text(prod.get(0), "hs code", 1, Product.MAX_HS),
                CborFields.text(prod.get(1), "model", 1, Product.MAX_MODEL_BYTES));
    }

    private static ItemResult item(List<?> it, long format) throws CborException {
        int size = it.size();
        boolean shapeOk = format == FORMAT_1 ? size == 3 : size == 2 || size == 3 || size == 7;
        if (!shapeOk || !(it.get(0) instanceof Long no) || !(it.get(1) instanceof Long res) || no < 1 || no > MAX_ITEM) {
            throw new CborException("item must be [number 1.." + MAX_ITEM + ", result, day (, value, limit, unit, method)]");
        }
        ItemResult.Result result = ItemResult.Result.ofCode(res);
        if (result == null || (format == FORMAT_1 && result == ItemResult.Result.NOT_APPLICABLE)
                || (size == 2) != (result == ItemResult.Result.NOT_APPLICABLE)) {
            throw new CborException("item " + no + " has an unknown result or the wrong shape for it");
        }
        if (size == 2) {
            return ItemResult.notApplicable(no.intValue());
        }
        if (!(it.get(2) instanceof Long day) || day < 0 || day > 200_000) {
            throw new CborException("item " + no + " test day out of range");
        }
        ItemResult.Measurement x = size == 7 ? new ItemResult.Measurement(
                CborFields.text(it.get(3), "value", 0, ItemResult.Measurement.MAX_TEXT),
                CborFields.text(it.get(4), "limit", 0, ItemResult.Measurement.MAX_TEXT),
                CborFields.text(it.get(5), "unit", 0, ItemResult.Measurement.MAX_TEXT),
                CborFields.text(it.get(6), "method", 0, ItemResult.Measurement.MAX_TEXT)) : null;
        return new ItemResult(no.intValue(), result, LocalDate.ofEpochDay(day), x);
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
        return "ReportDocument[" + reportId + ", lab " + labId + ", " + standard + ", profile " + profile + ", " + products
                + ", exporter " + exporter + (agents.isEmpty() ? "" : ", agents " + agents) + ", issued " + issueDate + ", "
                + items.size() + " items"
                + (supersedes == null ? "" : ", supersedes " + supersedes) + "]";
    }
}
