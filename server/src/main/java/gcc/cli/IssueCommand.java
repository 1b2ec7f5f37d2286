package gcc.cli;

import gcc.code.ClearanceCode;
import gcc.code.CodeIssuer;
import gcc.crypto.Keys;
import gcc.crypto.Signer;
import gcc.qr.QrCodes;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gatectl issue}: a lab signs a registered report into a clearance code, as text and QR PNG. */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = "Sign a report into a clearance code: writes PREFIX.txt and PREFIX.png (QR, level M).")
final class IssueCommand implements Callable<Integer> {
    @Option(names = "--report", required = true, description = "report document (JSON)")
    Path report;

    @Option(names = "--key", required = true, description = "the lab's private key (PEM)")
    Path key;

    @Option(names = "--out", required = true, description = "path prefix for PREFIX.txt and PREFIX.png")
    Path out;

    @Mixin
    PolicyOption policy;

    @Override
    public Integer call() throws Exception {
        ReportDocument doc = ReportJson.read(report);
        Signer signer = KeyFiles.signer(key);
        ClearanceCode.Layers l = CodeIssuer.issue(doc, policy.load(), signer);
        Path txt = KeyFiles.sibling(out, ".txt");
        Path png = KeyFiles.sibling(out, ".png");
        Files.createDirectories(txt.getParent());
        Files.writeString(txt, l.text() + "\n");
        QrCodes.writePng(l.text(), png);
        int version = QrCodes.version(l.text());
        System.out.println(l.text());
        System.out.println("report    " + doc.reportId() + " (expires " + l.claims().expiryDate() + ")");
        System.out.println("algorithm " + signer.algorithm().cliName() + ", kid " + Keys.kidHex(signer.kid()));
        System.out.println("length    " + l.text().length() + " characters");
        System.out.println("QR        version " + version + " at level M" + (version > 10 ? " (above the version-10 target)" : ""));
        System.out.println("files     " + txt + ", " + png);
        return GateCtl.EXIT_OK;
    }
}
