package gcc.cli;

import gcc.crypto.SignatureVerifier;
import gcc.io.DurableFile;
import gcc.trust.TrustList;
import gcc.trust.TrustListException;
import gcc.trust.TrustListJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code gatectl trust-list}: build, sign and inspect the customs trust list. */
@Command(name = "trust-list", mixinStandardHelpOptions = true,
        description = "Build, sign and inspect the trust list of accredited labs and their keys.",
        subcommands = {TrustListCommand.Build.class, TrustListCommand.Sign.class, TrustListCommand.Inspect.class})
final class TrustListCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Turn a JSON source (labs, standards, key PEM paths, windows) into the unsigned CBOR payload.")
    static final class Build implements Callable<Integer> {
        @Option(names = "--in", required = true, description = "JSON source (format: docs/operations.md)")
        Path in;
        @Option(names = "--out", required = true, description = "unsigned payload file (CBOR)")
        Path out;

        @Override
        public Integer call() throws Exception {
            TrustList t = TrustListJson.read(in);
            DurableFile.replace(out, t.encode());
            System.out.println("trust list version " + t.version() + ": " + t.labs().size() + " labs, " + t.keys().size()
                    + " keys -> " + out);
            return GateCtl.EXIT_OK;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Sign an unsigned payload with the customs root key (COSE_Sign1).")
    static final class Sign implements Callable<Integer> {
        @Option(names = "--in", required = true, description = "unsigned payload from 'build'")
        Path in;
        @Option(names = "--root-key", required = true, description = "customs root private key (PEM)")
        Path rootKey;
        @Option(names = "--out", required = true, description = "signed trust list file")
        Path out;

        @Override
        public Integer call() throws Exception {
            TrustList t;
            try {
                t = TrustList.decode(Files.readAllBytes(in));
            } catch (TrustListException e) {
                throw new IllegalArgumentException(in + ": " + e.getMessage());
            }
            DurableFile.replace(out, t.sign(KeyFiles.signer(rootKey)));
            System.out.println("signed trust list version " + t.version() + " -> " + out);
            return GateCtl.EXIT_OK;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Print a signed trust list as JSON; with --root-pub, also whether its signature verifies.",
            exitCodeListHeading = GateCtl.EXIT_HEADING,
            exitCodeList = {GateCtl.EXIT_OK_LINE + " (and with --root-pub, the signature verifies)", GateCtl.EXIT_FAILURE_LINE,
                    "2:not a signed trust list (unsigned, malformed)", "10:the signature does not verify with --root-pub"})
    static final class Inspect implements Callable<Integer> {
        @Option(names = "--in", required = true, description = "signed trust list")
        Path in;
        @Option(names = "--root-pub", description = "customs root public key (PEM)")
        Path rootPub;

        @Override
        public Integer call() throws Exception {
            byte[] signed = Files.readAllBytes(in);
            TrustList t;
            try {
                t = TrustList.readUnverified(signed);
            } catch (TrustListException e) {
                throw new IllegalArgumentException(in + ": " + e.getMessage());
            }
            var json = TrustListJson.render(t);
            boolean verified = false;
            if (rootPub != null) {
                try {
                    TrustList.verify(signed, SignatureVerifier.ofSpki(KeyFiles.publicSpki(rootPub)));
                    verified = true;
                } catch (TrustListException e) {
                    json.put("signatureProblem", e.getMessage());
                }
                json.put("signatureVerified", verified);
            }
            System.out.println(json.toPrettyString());
            return rootPub == null || verified ? GateCtl.EXIT_OK : GateCtl.EXIT_HOLD;
        }
    }
}
