package gcc.cli;

import gcc.auth.Credential;
import gcc.auth.CredentialFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static gcc.cli.GateCtlTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gatectl credentials add|list|remove} on a data directory, with their exit statuses. */
class CredentialsCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldAddListAndRemoveCredentials() throws Exception {
        String data = dir.resolve("data").toString();
        GateCtlTest.Run added = run("credentials", "add", "--data", data, "--principal", "lab-l1234", "--role", "lab:L1234");
        assertEquals(0, added.exit(), added.err());
        String token = added.out().trim();
        assertTrue(token.matches("[0-9a-f]{64}"), "the token alone on standard output: " + added.out());
        Path file = dir.resolve("data/credentials.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(Files.readString(file).contains(token), "only the digest is stored");
        assertEquals(List.of(Credential.token(gcc.auth.Principal.of("lab-l1234", "lab:L1234"), token)), CredentialFile.read(file));

        assertEquals(0, run("credentials", "add", "--data", data, "--principal", "samr", "--role", "customs",
                "--cert-subject", "CN=samr-ningbo, O=GACC").exit());
        GateCtlTest.Run list = run("credentials", "list", "--data", data);
        assertEquals(0, list.exit());
        assertTrue(list.out().contains("lab-l1234") && list.out().contains("lab:L1234") && list.out().contains("CN=samr-ningbo"),
                list.out());
        assertFalse(list.out().contains(token));

        assertEquals(GateCtl.EXIT_USAGE, run("credentials", "add", "--data", data, "--principal", "lab-l1234", "--role", "customs").exit(),
                "a principal holds one credential");
        assertEquals(GateCtl.EXIT_USAGE, run("credentials", "add", "--data", data, "--principal", "x", "--role", "janitor").exit());
        assertEquals(GateCtl.EXIT_USAGE, run("credentials", "add", "--data", data, "--principal", "admin", "--role", "customs").exit());
        assertEquals(GateCtl.EXIT_USAGE, run("credentials", "add", "--data", data, "--principal", "y", "--role", "customs",
                "--cert-subject", "CN=a", "--cert-sha256", "00").exit(), "one credential per principal");

        assertEquals(0, run("credentials", "remove", "--data", data, "--principal", "lab-l1234").exit());
        assertEquals(GateCtl.EXIT_USAGE, run("credentials", "remove", "--data", data, "--principal", "lab-l1234").exit());
        assertEquals(1, CredentialFile.read(file).size());

        Files.writeString(file, "{\"credentials\": 7}");
        GateCtlTest.Run bad = run("credentials", "list", "--data", data);
        assertEquals(GateCtl.EXIT_USAGE, bad.exit());
        assertTrue(bad.err().contains("credentials.json refused"), bad.err());
    }
}
