package gcc.loadtest;

import gcc.client.GateRequest;
import gcc.code.CodeIssuer;
import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.Signer;
import gcc.decision.Reason;
import gcc.gate.VerifyRequest;
import gcc.policy.Policy;
import gcc.progress.Progress;
import gcc.report.ReportDocument;
import gcc.trust.KeyStatus;
import gcc.trust.Lab;
import gcc.trust.LabKey;
import gcc.trust.TrustList;
import gcc.testkit.Reports;
import gcc.testkit.Tamper;
import gcc.testkit.TestWorld;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests a load test sends, each with the outcome it must get, and what a server must hold
 * to give those outcomes ({@link Provision}: a customs root key, a signed trust list, the
 * workload's reports, one of them to revoke); {@link Provisioning} puts it there.
 *
 * <p>Kinds: {@code seen} codes (a small hot set, memo hits after their first use), {@code first}
 * codes (each used once: a full signature check), and {@code hold} codes cycling through revoked
 * report, expired 6-month item, wrong exporter, tampered signature and unknown lab key.
 */
final class Workload {
    /** One request and the answer it must get. */
    record Request(GateRequest request, boolean mustRelease, Reason expected, String kind, byte[] frame) {
        Request(GateRequest request, boolean mustRelease, Reason expected, String kind) {
            this(request, mustRelease, expected, kind, encode(request));
        }
    }

    /** The request's gate frame with request id 0, built once: the sender copies it and patches the id in. */
    private static byte[] encode(GateRequest r) {
        byte[] b = new byte[r.frameBytes()];
        VerifyRequest.encode(b, 0, 0, 0, r.exporter().getBytes(StandardCharsets.US_ASCII),
                r.gateId().getBytes(StandardCharsets.US_ASCII), null, r.codeText().getBytes(StandardCharsets.US_ASCII));
        return b;
    }

    /** What a server must hold for the requests to get their outcomes. */
    record Provision(byte[] rootSpki, byte[] signedTrustList, List<ReportDocument> reports, String revokedId) {
    }

    private final Request[] seen;
    private final Request[] first;
    private final Request[] hold;
    private final Mix mix;
    private final Provision provision;
    /**
     * First-sight codes sent from this directory, by this run and the earlier ones. A server keeps
     * the codes it verified in its memo, so a run that started the list again would send memo hits
     * labelled "first": runs continue it instead ({@link #USED_FILE}).
     */
    private long firstUsed;
    /** A pick wanted a first-sight code and none was left (it sent a seen code instead). */
    private boolean firstRanOut;

    private Workload(Request[] seen, Request[] first, Request[] hold, Mix mix, Provision provision) {
        this.seen = seen;
        this.first = first;
        this.hold = hold;
        this.mix = mix;
        this.provision = provision;
    }

    /**
     * Requests a mix needs for {@code total} sends (first-sight codes are never reused), with fresh
     * keys, a trust list valid for a year either side of now and the reports dated from {@code today}.
     */
    static Workload create(Mix mix, long total, int hotCodes, LocalDate today) {
        var rnd = Keys.random();
        Signer root = new Signer(Keys.generate(SignatureAlgorithm.ED25519, rnd).getPrivate(), rnd);
        Signer lab = new Signer(Keys.generate(SignatureAlgorithm.ED25519, rnd).getPrivate(), rnd);
        Signer stranger = new Signer(Keys.generate(SignatureAlgorithm.ED25519, rnd).getPrivate(), rnd);
        long now = Instant.now().getEpochSecond();
        TrustList list = new TrustList(1, now, List.of(new Lab("L1234", "Load-test lab", "CNAS L1234",
                List.of(Reports.STANDARD), List.of(new LabKey(lab.algorithm(), lab.publicKeySpki(), now - 86_400 * 365,
                now + 86_400 * 365, KeyStatus.ACTIVE)))));

        Policy policy = TestWorld.provisionalPolicy(); // the server's built-in policy (a server test keeps them equal)
        String exporter = Reports.uscc("91330200MA2H7K3Q1");
        String other = Reports.uscc("91310115MA1K4LXP2");
        int firstCount = (int) Math.min(2_000_000, Math.ceil(total * mix.first() * 1.05) + 10);
        List<ReportDocument> docs = new ArrayList<>();
        Progress issuing = Progress.of("loadtest: issuing codes", hotCodes + (long) firstCount); // a signature each
        Request[] seen = new Request[hotCodes];
        for (int i = 0; i < hotCodes; i++) {
            issuing.step();
            ReportDocument d = Reports.passing(String.format("LT-HOT-%06d", i), exporter, today.minusDays(30));
            docs.add(d);
            seen[i] = new Request(GateRequest.of(CodeIssuer.issue(d, policy, lab).text(), exporter, "LT-G" + (i % 50)), true, null, "seen");
        }
        Request[] first = new Request[firstCount];
        for (int i = 0; i < firstCount; i++) {
            issuing.step();
            ReportDocument d = Reports.passing(String.format("LT-NEW-%07d", i), exporter, today.minusDays(20));
            docs.add(d);
            first[i] = new Request(GateRequest.of(CodeIssuer.issue(d, policy, lab).text(), exporter, "LT-G" + (i % 50)), true, null, "first");
        }
        issuing.finish();
        ReportDocument revoked = Reports.passing("LT-REVOKED-1", exporter, today.minusDays(30));
        ReportDocument expired = Reports.passing("LT-EXPIRED-1", exporter, today.minusDays(200));
        docs.add(revoked);
        docs.add(expired);
        String seenCode = seen.length > 0 ? seen[0].request().codeText()
                : CodeIssuer.issue(docs.get(0), policy, lab).text();
        Request[] hold = {
                new Request(GateRequest.of(CodeIssuer.issue(revoked, policy, lab).text(), exporter, "LT-H"), false, Reason.REPORT_REVOKED, "revoked"),
                new Request(GateRequest.of(CodeIssuer.issue(expired, policy, lab).text(), exporter, "LT-H"), false, Reason.ITEM_EXPIRED, "expired"),
                new Request(GateRequest.of(seenCode, other, "LT-H"), false, Reason.EXPORTER_MISMATCH, "wrong exporter"),
                new Request(GateRequest.of(Tamper.exporter(seenCode, other), other, "LT-H"), false, Reason.BAD_SIGNATURE, "tampered"),
                new Request(GateRequest.of(CodeIssuer.issue(docs.get(0), policy, stranger).text(), exporter, "LT-H"), false,
                        Reason.UNKNOWN_KEY, "unknown lab")};
        Provision p = new Provision(root.publicKeySpki(), list.sign(root), docs, revoked.reportId());
        return new Workload(seen, first, hold, mix, p);
    }

    /** What the server must hold; null for a workload {@link #load}ed from a prepared data directory. */
    Provision provision() {
        return provision;
    }

    /** The request for send number {@code i}: a deterministic spread of the mix. */
    Request pick(long i) {
        double u = ((i * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
        if (u < mix.hold()) {
            return hold[(int) (i % hold.length)];
        }
        if (u < mix.hold() + mix.first()) {
            synchronized (this) {
                if (firstUsed < first.length) {
                    return first[(int) firstUsed++];
                }
                firstRanOut = true;
            }
        }
        return seen[(int) (i % seen.length)];
    }

    private static final String FILE = "loadtest-workload.tsv";
    /** How many of the directory's first-sight codes runs have sent. */
    private static final String USED_FILE = "loadtest-first-used";

    /** Writes the requests next to the data they need, so a later run against a separate server can use them. */
    void save(Path data) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Request[] group : new Request[][]{seen, first, hold}) {
            for (Request r : group) {
                sb.append(r.kind()).append('\t').append(r.mustRelease()).append('\t')
                        .append(r.expected() == null ? "-" : r.expected().name()).append('\t')
                        .append(r.request().exporter()).append('\t').append(r.request().gateId()).append('\t')
                        .append(r.request().codeText()).append('\n');
            }
        }
        Files.writeString(data.resolve(FILE), sb.toString());
    }

    /** Reads the requests {@link #save} wrote. */
    static Workload load(Path data, Mix mix) throws IOException {
        Path f = data.resolve(FILE);
        if (!Files.exists(f)) {
            throw new IllegalArgumentException(data + " was not prepared by loadtest --prepare-only (no " + FILE + ")");
        }
        List<Request> seen = new ArrayList<>();
        List<Request> first = new ArrayList<>();
        List<Request> hold = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
            String[] c = line.split("\t", -1);
            Request r = new Request(GateRequest.of(c[5], c[3], c[4]), Boolean.parseBoolean(c[1]),
                    c[2].equals("-") ? null : Reason.valueOf(c[2]), c[0]);
            (c[0].equals("seen") ? seen : c[0].equals("first") ? first : hold).add(r);
        }
        Workload w = new Workload(seen.toArray(Request[]::new), first.toArray(Request[]::new), hold.toArray(Request[]::new), mix,
                null);
        w.firstUsed = Math.min(w.first.length, readUsed(data));
        return w;
    }

    private static long readUsed(Path data) throws IOException {
        Path f = data.resolve(USED_FILE);
        if (!Files.exists(f)) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(Files.readString(f).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(f + " should hold the number of first-sight codes used, not '"
                    + Files.readString(f).trim() + "'");
        }
    }

    /**
     * Writes how many first-sight codes have been sent from this directory: to a new file, synced,
     * renamed over the old one, and the directory synced, so a crash leaves the old count or the
     * new one, never a torn one.
     */
    synchronized void saveUsed(Path data) throws IOException {
        Path tmp = data.resolve(USED_FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap((firstUsed + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, data.resolve(USED_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(data, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** First-sight codes sent so far, and how many the directory holds. */
    synchronized long firstUsed() {
        return firstUsed;
    }

    int firstTotal() {
        return first.length;
    }

    /** Whether a "first" pick found every first-sight code sent and went out as a seen code. */
    synchronized boolean firstExhausted() {
        return firstRanOut;
    }

    /** The hot codes, for warming the memo before measuring. */
    Request[] seen() {
        return seen;
    }
}
