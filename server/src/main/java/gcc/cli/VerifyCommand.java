package gcc.cli;

import gcc.crypto.SignatureVerifier;
import gcc.decision.Decision;
import gcc.decision.Language;
import gcc.http.Json;
import gcc.policy.Policy;
import gcc.registry.InMemoryReportRegistry;
import gcc.registry.RegistryEvent;
import gcc.registry.ReportRegistry;
import gcc.report.ReportJson;
import gcc.trust.TrustListException;
import gcc.trust.TrustStore;
import gcc.verify.SignatureMemo;
import gcc.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * {@code gatectl verify}: the decision for a code and a declaration, offline, printed as JSON.
 * Exit 0 RELEASE, 10 HOLD, 2 usage or input error.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Decide RELEASE or HOLD for a code, printed as JSON with every reason.",
                "Offline (the default) it decides with the signed trust list (--trust-list, --root-pub), the policy and "
                        + "--reports, which stand in for the registry: give the report documents the code may point at "
                        + "(a code whose report is not given holds with REPORT_NOT_REGISTERED); --revoked and "
                        + "--suspended set their status.",
                "With --server it asks running gate servers over the gate TCP protocol instead: give the gate port "
                        + "(setting gate.port, default 7700), not the HTTP port (http.port, default 7780)."},
        exitCodeListHeading = GateCtl.EXIT_HEADING,
        exitCodeList = {"0:RELEASE", "1:failure (unexpected error)",
                "2:usage or input error: no code, an unreadable or unsigned trust list, a bad date, an invalid report "
                        + "file, or --server pointing at something that is not a gate server",
                "10:HOLD (including a local HOLD from --server: timeout, connection refused or lost, busy)"})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CodeInput input;

    @Option(names = "--exporter", required = true, description = "declaring exporter's Unified Social Credit Code")
    String exporter;

    @Option(names = "--product", description = "declared product: HS/MODEL, the HS code or the model")
    String product;

    @Option(names = "--at", paramLabel = "DATE|INSTANT",
            description = "decide for this date (00:00 in the policy's zone) or instant, e.g. the expected arrival; default now")
    String at;

    @Option(names = "--trust-list", description = "signed trust list (offline)")
    Path trustList;

    @Option(names = "--root-pub", description = "customs root public key, PEM (offline)")
    Path rootPub;

    @Option(names = "--server", arity = "1..*", paramLabel = "HOST:PORT",
            description = "ask running gate servers at their gate TCP port (gate.port, default 7700) instead of deciding "
                    + "offline (the first, then failovers)")
    List<String> servers = new ArrayList<>();

    @Option(names = "--gate", description = "gate id sent with --server (default: ${DEFAULT-VALUE})")
    String gate = "gatectl";

    @Option(names = "--lane", description = "lane sent with --server (default: ${DEFAULT-VALUE})")
    int lane;

    // A person waits here, not a lane: generous enough for a server's first, cold signature check.
    @Option(names = "--timeout-ms", description = "per-request timeout with --server (default: ${DEFAULT-VALUE})")
    long timeoutMs = 10_000;

    @Option(names = "--lang", paramLabel = "en|zh",
            description = "language of each reason's summary and detail (default: ${DEFAULT-VALUE}); both are printed under en and zh")
    String lang = "en";

    @Mixin
    PolicyOption policyOption;

    @Option(names = "--reports", arity = "1..*", paramLabel = "FILE",
            description = "offline: report documents (JSON) that stand in for the registry, as if registered")
    List<Path> reports = new ArrayList<>();

    @Option(names = "--revoked", arity = "1..*", paramLabel = "ID", description = "report ids to treat as revoked")
    List<String> revoked = new ArrayList<>();

    @Option(names = "--suspended", arity = "1..*", paramLabel = "ID", description = "report ids to treat as suspended")
    List<String> suspended = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Language language = Language.parse(lang);
        String code = input.read();
        if (!servers.isEmpty()) {
            return remote(code, language);
        }
        if (trustList == null || rootPub == null) {
            throw new IllegalArgumentException("offline verification needs --trust-list and --root-pub (or ask a server with --server)");
        }
        Policy policy = policyOption.load();
        TrustStore trust = new TrustStore(SignatureVerifier.ofSpki(KeyFiles.publicSpki(rootPub)));
        try {
            trust.offer(Files.readAllBytes(trustList));
        } catch (TrustListException e) {
            throw new IllegalArgumentException(trustList + ": " + e.getMessage());
        }
        Verifier v = new Verifier(trust, () -> policy, registry(), new SignatureMemo(16), Clock.systemUTC());
        Decision d = v.verify(code, exporter, product, instant(at, policy));
        System.out.println(Json.decision(d, 0, language).toPrettyString());
        return d.released() ? GateCtl.EXIT_OK : GateCtl.EXIT_HOLD;
    }

    /** Asks a running server through the gate SDK (found on the class path); prints its answer as JSON. */
    private int remote(String code, Language language) {
        if (at != null) {
            throw new IllegalArgumentException("--at is for pre-validation: use the HTTP API (POST /v1/verify) or offline mode");
        }
        RemoteVerifier remote = ServiceLoader.load(RemoteVerifier.class).findFirst().orElseThrow(() ->
                new IllegalStateException("--server needs the gate SDK on the class path: run scripts/gatectl"));
        RemoteVerifier.Answer a = remote.verify(new RemoteVerifier.Query(servers, Duration.ofMillis(timeoutMs), code,
                exporter, product, gate, lane, language));
        if (a.decidedLocally() && !a.released()) {
            // No answer from a server: say why if a listed address is not a gate server at all
            // (e.g. the HTTP port), which is a wrong --server, not a decision.
            for (String s : servers) {
                String why = GateProbe.notAGateServer(s, Duration.ofMillis(timeoutMs));
                if (why != null) {
                    throw new IllegalArgumentException(why + "; point --server at the gate TCP port "
                            + "(setting gate.port, default 7700), not the HTTP API (http.port, default 7780)");
                }
            }
        }
        System.out.println(a.json().toPrettyString());
        return a.released() ? GateCtl.EXIT_OK : GateCtl.EXIT_HOLD;
    }

    /** The registry the decision consults: the given report documents with the given statuses. */
    ReportRegistry registry() throws Exception {
        InMemoryReportRegistry r = new InMemoryReportRegistry();
        for (Path f : reports) {
            String refusal = r.submit(RegistryEvent.register(ReportJson.read(f), "cli"), System.currentTimeMillis());
            if (refusal != null) {
                throw new IllegalArgumentException(f + ": " + refusal);
            }
        }
        status(r, revoked, RegistryEvent.Type.REVOKE);
        status(r, suspended, RegistryEvent.Type.SUSPEND);
        return r;
    }

    private static void status(InMemoryReportRegistry r, List<String> ids, RegistryEvent.Type type) {
        for (String id : ids) {
            String refusal = r.submit(RegistryEvent.status(type, id, "cli", "cli"), System.currentTimeMillis());
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
        }
    }

    static Instant instant(String at, Policy policy) {
        if (at == null) {
            return null;
        }
        try {
            return at.length() == 10 ? LocalDate.parse(at).atStartOfDay(policy.zone()).toInstant() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at must be a date YYYY-MM-DD or an ISO instant: " + at);
        }
    }
}
