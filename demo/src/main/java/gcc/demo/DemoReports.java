package gcc.demo;

import gcc.code.CodeIssuer;
import gcc.crypto.Signer;
import gcc.policy.Policy;
import gcc.qr.QrCodes;
import gcc.report.ItemResult;
import gcc.report.Product;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import gcc.testkit.Reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The demos' reports, numbered from a series (NB26-000101... offline, NB26-000201... on the
 * server): three valid ones for the three algorithms, one of each kind of HOLD, one to be revoked
 * and one never registered. Codes and reports are written under the demo directory.
 */
record DemoReports(ReportDocument valid, ReportDocument validEs, ReportDocument validSm2, ReportDocument legacy,
                   ReportDocument missing, ReportDocument failed, ReportDocument expired, ReportDocument revoked,
                   ReportDocument unregistered) {
    static final String EXPORTER = Reports.uscc("91330200MA2H7K3Q1");
    static final String OTHER_EXPORTER = Reports.uscc("91310115MA1K4LXP2");
    /** A foreign-trade service company the manufacturer authorizes to export under its report. */
    static final String AGENT = Reports.uscc("91310115MA1K4QWE7");

    /**
     * {@code template} as a feeding-bottle series report of class {@code productClass} (empty:
     * none) with colour fastness (12-15), cords (19) and filling (20) not applicable, two models,
     * and {@link #AGENT} authorized to export it.
     */
    static ReportDocument bottles(ReportDocument template, String id, String productClass) {
        List<ItemResult> items = new java.util.ArrayList<>(template.items());
        for (int n : new int[]{12, 13, 14, 15, 19, 20}) {
            items.set(n - 1, ItemResult.notApplicable(n));
        }
        return new ReportDocument(id, template.labId(), template.standard(), ReportDocument.IMPLIED_PROFILE, productClass,
                List.of(new Product("3924100000", "FB-260"), new Product("3924100000", "FB-240")), EXPORTER, List.of(AGENT),
                template.issueDate(), items, null);
    }

    /** Reports tested on {@code tested}, except the expired one, tested on {@code expiredTested}. */
    static DemoReports of(int series, LocalDate tested, LocalDate expiredTested) {
        return new DemoReports(passing(series + 1, tested), passing(series + 2, tested), passing(series + 3, tested),
                Reports.report(id(series + 4), Reports.LEGACY, EXPORTER, Reports.ITEMS, -1, tested),
                Reports.report(id(series + 5), Reports.STANDARD, EXPORTER, Reports.ITEMS - 1, -1, tested),
                Reports.report(id(series + 6), Reports.STANDARD, EXPORTER, Reports.ITEMS, 9, tested),
                passing(series + 7, expiredTested), passing(series + 8, tested), passing(series + 9, tested));
    }

    private static ReportDocument passing(int n, LocalDate tested) {
        return Reports.passing(id(n), EXPORTER, tested);
    }

    private static String id(int n) {
        return String.format("NB26-%06d", n);
    }

    /** Every report a lab registers (all but {@link #unregistered}), each also written to DIR/reports/ID.json. */
    List<ReportDocument> registered(Path dir) throws IOException {
        List<ReportDocument> all = List.of(valid, validEs, validSm2, legacy, missing, failed, expired, revoked);
        for (ReportDocument d : all) {
            Files.writeString(dir.resolve("reports/" + d.reportId() + ".json"), ReportJson.toPrettyString(d));
        }
        return all;
    }

    /** Issues a code as the lab would and writes it to DIR/codes/NAME.txt and .png. */
    static String issue(Path dir, String name, ReportDocument doc, Policy policy, Signer signer) throws IOException {
        String text = CodeIssuer.issue(doc, policy, signer).text();
        Files.writeString(dir.resolve("codes/" + name + ".txt"), text + "\n");
        QrCodes.writePng(text, dir.resolve("codes/" + name + ".png"));
        return text;
    }
}
