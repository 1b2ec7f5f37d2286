package gcc.cli;

import gcc.code.ClearanceCode;
import gcc.code.CodeIssuer;
import gcc.crypto.Keys;
import gcc.crypto.Signer;
import gcc.decision.Decision;
import gcc.policy.Policy;
import gcc.qr.QrCodes;
import gcc.report.ReportDocument;
import gcc.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gatectl issue}: a lab signs a registered report into a clearance code, as text and QR PNG.
 * Before writing anything it decides the new code as a gate would ({@link GateVerdict}) and
 * measures its QR symbol, so a code that would be held, or would not fit the version-10 symbol
 * gates are specified to read, does not leave the lab by accident.
 */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = {"Sign a report into a clearance code: writes PREFIX.txt and PREFIX.png (QR, level M).",
                "Refuses, unless --force, a report whose code the gate would HOLD today (or --at a date): failed, "
                        + "missing or expired items, a legacy or unrecognized standard, an issue date in the future "
                        + "(see report check); and a code that needs a QR symbol above version "
                        + IssueCommand.MAX_QR_VERSION + " at level M (shorten the report id or model)."},
        exitCodeListHeading = GateCtl.EXIT_HEADING,
        exitCodeList = {"0:issued (with --force, possibly with warnings)", GateCtl.EXIT_FAILURE_LINE,
                "2:usage or input error: an invalid report, an unreadable key, or a code above QR version "
                        + IssueCommand.MAX_QR_VERSION + " (nothing written)",
                "10:the gate would hold this report's code (reasons listed, nothing written)"})
final class IssueCommand implements Callable<Integer> {
    /** The largest QR symbol (at level M) gates must read: 311 alphanumeric characters. */
    static final int MAX_QR_VERSION = 10;

    @Option(names = "--report", required = true, description = "report document (JSON)")
    Path report;

    @Option(names = "--key", required = true, description = "the lab's private key (PEM)")
    Path key;

    @Option(names = "--out", required = true, description = "path prefix for PREFIX.txt and PREFIX.png")
    Path out;

    @Option(names = "--at", paramLabel = "DATE|INSTANT",
            description = "judge the code for this date (00:00 in the policy's zone) or instant; default now")
    String at;

    @Option(names = "--force", description = "issue even when the gate would hold the code or the QR symbol is too large; "
            + "the problems are printed as warnings")
    boolean force;

    @Mixin
    PolicyOption policy;

    @Override
    public Integer call() throws Exception {
        ReportDocument doc = ReportJson.read(report);
        Signer signer = KeyFiles.signer(key);
        Policy p = policy.load();
        ClearanceCode.Layers l = CodeIssuer.issue(doc, p, signer);
        Instant when = at == null ? Instant.now() : VerifyCommand.instant(at, p);
        Decision verdict = GateVerdict.of(l.text(), doc, p, signer, when);
        int version = QrCodes.version(l.text());

        List<String> problems = new ArrayList<>();
        if (!verdict.released()) {
            problems.add("the gate would HOLD this code on " + GateVerdict.day(when, p) + ":");
            verdict.findings().forEach(f -> problems.add("  - " + f.reason() + ": " + f.detail()));
        }
        if (version > MAX_QR_VERSION) {
            problems.add("the code is " + l.text().length() + " characters and needs QR version " + version
                    + " at level M, above version " + MAX_QR_VERSION + " (311 characters): shorten the report id or model");
        }
        if (!problems.isEmpty() && !force) {
            System.err.println("gatectl issue: refused " + report + ", nothing written (--force issues it anyway):");
            problems.forEach(x -> System.err.println("  " + x));
            return verdict.released() ? GateCtl.EXIT_USAGE : GateCtl.EXIT_HOLD;
        }
        problems.forEach(x -> System.err.println("warning: " + x));

        Path txt = KeyFiles.sibling(out, ".txt");
        Path png = KeyFiles.sibling(out, ".png");
        Files.createDirectories(txt.getParent());
        Files.writeString(txt, l.text() + "\n");
        QrCodes.writePng(l.text(), png);
        System.out.println(l.text());
        System.out.println("report    " + doc.reportId() + " (expires " + l.claims().expiryDate() + ")");
        System.out.println("algorithm " + signer.algorithm().cliName() + ", kid " + Keys.kidHex(signer.kid()));
        System.out.println("length    " + l.text().length() + " characters");
        System.out.println("QR        version " + version + " at level M" + (version > MAX_QR_VERSION ? " (above version 10)" : ""));
        System.out.println("verdict   " + verdict.outcome() + " on " + GateVerdict.day(when, p)
                + " (assuming the key is on the trust list for lab " + doc.labId() + ")");
        System.out.println("files     " + txt + ", " + png);
        return GateCtl.EXIT_OK;
    }
}
