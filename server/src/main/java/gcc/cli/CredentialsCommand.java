package gcc.cli;

import gcc.auth.Credential;
import gcc.auth.CredentialFile;
import gcc.auth.Principal;
import gcc.crypto.Keys;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gatectl credentials}: the credentials file of a data directory, offline. A running server
 * picks up the change within a second (or at once with {@code POST /v1/admin/credentials/reload}).
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = {"Add, list and remove the credentials bound to principals and roles (DATA/credentials.json).",
                "A running server reads the changed file within a second. Roles: customs, lab:LAB_ID, forwarder, "
                        + "operations (docs/operations.md has the table of routes and roles)."},
        subcommands = {CredentialsCommand.Add.class, CredentialsCommand.ListCredentials.class, CredentialsCommand.Remove.class})
final class CredentialsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Where the file is: {@code --file}, or {@code DATA/credentials.json}. */
    static final class Location {
        @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: ./data); the file is DIR/credentials.json")
        Path data = Path.of("data");
        @Option(names = "--file", paramLabel = "FILE", description = "the credentials file itself (the server's auth.credentials-file)")
        Path file;

        Path path() {
            return file != null ? file : data.resolve("credentials.json");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a principal with a role and one credential. Without a certificate option a bearer token is "
                    + "generated and printed once on standard output (only its SHA-256 is stored)."})
    static final class Add implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Location at = new Location();
        @Option(names = "--principal", required = true, paramLabel = "NAME",
                description = "who the credential speaks for: the actor in the journal and the audit (1-64 of A-Z a-z 0-9 . _ @ -)")
        String principal;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "customs, lab:LAB_ID, forwarder or operations")
        String role;
        @ArgGroup(exclusive = true)
        Certificate cert;

        static final class Certificate {
            @Option(names = "--cert-subject", paramLabel = "DN", description = "a client certificate's subject, e.g. CN=samr-ningbo,O=GACC")
            String subject;
            @Option(names = "--cert-sha256", paramLabel = "HEX", description = "a client certificate's SHA-256 fingerprint (of its DER)")
            String fingerprint;
            @Option(names = "--cert-file", paramLabel = "PEM", description = "a client certificate whose fingerprint to list")
            Path file;
        }

        @Override
        public Integer call() throws Exception {
            Principal p = Principal.of(principal, role);
            if (p.name().equals(Principal.ADMIN.name())) {
                throw new IllegalArgumentException("principal 'admin' is the admin.token setting's; choose another name");
            }
            List<Credential> list = new ArrayList<>(CredentialFile.read(at.path()));
            if (list.stream().anyMatch(c -> c.principal().name().equals(p.name()))) {
                throw new IllegalArgumentException("principal " + p.name() + " already has a credential; remove it first");
            }
            String token = null;
            Credential c;
            if (cert == null) {
                byte[] b = new byte[32];
                new SecureRandom().nextBytes(b);
                token = HexFormat.of().formatHex(b);
                c = Credential.token(p, token);
            } else if (cert.subject != null) {
                c = new Credential(p, Credential.Kind.CERT_SUBJECT, cert.subject);
            } else if (cert.fingerprint != null) {
                c = new Credential(p, Credential.Kind.CERT_SHA256, cert.fingerprint.toLowerCase(java.util.Locale.ROOT).replace(":", ""));
            } else {
                c = new Credential(p, Credential.Kind.CERT_SHA256, HexFormat.of().formatHex(Credential.sha256(read(cert.file).getEncoded())));
            }
            list.add(c);
            Files.createDirectories(at.path().toAbsolutePath().getParent());
            CredentialFile.write(at.path(), list);
            System.err.println("added " + p.name() + " (" + p.roleText() + ", " + c.kind().field() + ") to " + at.path()
                    + (token == null ? "" : "; the token below is shown once and stored only as its SHA-256"));
            if (token != null) {
                System.out.println(token);
            }
            return GateCtl.EXIT_OK;
        }

        private static X509Certificate read(Path pem) throws Exception {
            byte[] der = Keys.fromPem("CERTIFICATE", Files.readString(pem));
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(der));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List principals, roles and credentials (a token's digest, never the token).")
    static final class ListCredentials implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Location at = new Location();

        @Override
        public Integer call() throws Exception {
            List<Credential> list = CredentialFile.read(at.path());
            System.out.printf("%-24s %-16s %-12s %s%n", "principal", "role", "kind", "value");
            System.out.printf("%-24s %-16s %-12s %s%n", "admin", "customs", "admin.token", "(the admin.token setting)");
            for (Credential c : list) {
                System.out.printf("%-24s %-16s %-12s %s%n", c.principal().name(), c.principal().roleText(), c.kind().field(), c.value());
            }
            return GateCtl.EXIT_OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a principal's credential.")
    static final class Remove implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Location at = new Location();
        @Option(names = "--principal", required = true, paramLabel = "NAME")
        String principal;

        @Override
        public Integer call() throws Exception {
            List<Credential> list = new ArrayList<>(CredentialFile.read(at.path()));
            if (!list.removeIf(c -> c.principal().name().equals(principal))) {
                throw new IllegalArgumentException("no principal " + principal + " in " + at.path());
            }
            CredentialFile.write(at.path(), list);
            System.err.println("removed " + principal + " from " + at.path());
            return GateCtl.EXIT_OK;
        }
    }
}
