package gcc.dist;

import gcc.config.Setting;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files the release is made of, checked before they are packed (TarballIT checks the packed
 * release; the build writes its conf/gcc.properties from {@link Setting#propertiesFile()}).
 */
class ReleaseFilesTest {
    private static final Path DIST = Path.of("src", "main", "dist");

    @Test
    void shouldListEverySettingCommentedOutAtItsDefault() throws Exception {
        String template = Setting.propertiesFile();
        for (Setting s : Setting.values()) {
            assertTrue(template.contains("\n#" + s.key() + "=" + s.defaultValue() + "\n"), s.key());
            assertTrue(template.contains("\n# environment: " + s.envName() + "\n"), s.envName());
        }
        java.util.Properties p = new java.util.Properties();
        p.load(new java.io.StringReader(template));
        assertTrue(p.isEmpty(), "every setting is commented out, so the defaults stay the code's: " + p);
    }

    @Test
    void shouldSandboxTheServiceAndRunItAsItsOwnUser() throws Exception {
        List<String> unit = Files.readAllLines(DIST.resolve("systemd/gcc-gate.service"));
        for (String line : List.of("User=gcc", "ProtectSystem=strict", "ProtectHome=true", "NoNewPrivileges=true",
                "PrivateTmp=true", "ReadWritePaths=/var/lib/gcc", "WorkingDirectory=/var/lib/gcc", "LimitNOFILE=65536",
                "ExecStart=/opt/gcc/bin/gatectl serve --config /etc/gcc/gcc.properties", "CapabilityBoundingSet=")) {
            assertTrue(unit.contains(line), "gcc-gate.service lacks " + line);
        }
        assertFalse(unit.contains("MemoryDenyWriteExecute=true"), "the JIT needs writable, executable memory");
        assertFalse(unit.stream().anyMatch(l -> l.startsWith("User=root")));
    }

    @Test
    void shouldReadTheJvmOptionsFromTheirOneFile() throws Exception {
        String launcher = Files.readString(DIST.resolve("bin/gatectl"));
        assertTrue(launcher.contains("\"@$home/conf/chronicle.options\""), launcher);
        assertTrue(launcher.contains("gc_opts=(\"@$home/conf/server-gc.options\")"), "serve gets the measured collector: " + launcher);
        assertTrue(launcher.contains("gcc.cli.GateCtl \"$@\""), launcher);
        assertTrue(launcher.startsWith("#!/usr/bin/env bash\n"));
    }

    @Test
    void shouldDescribeTheInstallAsTheUnitHasIt() throws Exception {
        String install = Files.readString(DIST.resolve("INSTALL.md"));
        String operations = Files.readString(Path.of("..", "docs", "operations.md"));
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String doc : List.of(install, operations)) {
            for (String fact : List.of("/opt/gcc/conf/gcc.properties /etc/gcc/", "/var/lib/gcc/data/keys",
                    "cp /opt/gcc/systemd/gcc-gate.service /etc/systemd/system/", "systemctl enable --now gcc-gate",
                    "useradd --system", "/opt/gcc/bin/gatectl demo")) {
                assertTrue(doc.contains(fact), "the install steps say " + fact);
            }
        }
        assertTrue(operations.contains("`/opt/gcc/bin/gatectl serve --config /etc/gcc/gcc.properties` as user `gcc` in\n`/var/lib/gcc`"),
                "operations.md describes the unit's ExecStart, User and WorkingDirectory");
        assertTrue(readme.indexOf("scripts/test ") < readme.indexOf("docs/operations.md#install-a-release")
                && operations.contains("## Install a release"), "README links the install section below its first two commands");
    }

    @Test
    void shouldShipTheApacheLicense() throws Exception {
        String license = Files.readString(Path.of("..", "LICENSE"));
        assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004")
                && license.contains("END OF TERMS AND CONDITIONS"), "LICENSE is the Apache License 2.0 text");
    }
}
