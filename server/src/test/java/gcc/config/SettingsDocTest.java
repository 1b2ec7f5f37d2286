package gcc.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsDocTest {
    private static Path repoFile(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        return dir.resolve(relative);
    }

    @Test
    void shouldDocumentEverySettingAsTheCodeDefinesIt() throws Exception {
        String doc = Files.readString(repoFile("docs/operations.md"));
        String documented = doc.substring(doc.indexOf("<!-- settings:begin -->\n") + "<!-- settings:begin -->\n".length(),
                doc.indexOf("<!-- settings:end -->"));
        assertEquals(Setting.markdownTable(), documented, "docs/operations.md's settings table drifted from gcc.config.Setting");
    }

    @Test
    void shouldLayerFileEnvironmentAndFlagsAndNameTheCulpritOfABadValue(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("gcc.properties");
        Files.writeString(file, "gate.port=7001\nhttp.port=7002\nworkers.queue=8\n");
        ServerContext ctx = new ServerContext().file(file).environment(Map.of("GCC_HTTP_PORT", "7003"))
                .set(Setting.WORKER_QUEUE, "9").conclude();
        assertEquals(7001, ctx.gatePort());
        assertEquals(7003, ctx.httpPort());
        assertEquals(9, ctx.workerQueue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServerContext().environment(Map.of("GCC_GATE_PORT", "70000")).conclude());
        assertTrue(e.getMessage().contains("gate.port") && e.getMessage().contains("GCC_GATE_PORT"), e.getMessage());
        Files.writeString(file, "gate.prot=1\n");
        assertThrows(IllegalArgumentException.class, () -> new ServerContext().file(file));
        assertThrows(IllegalArgumentException.class, () -> new ServerContext().set(Setting.AUDIT_SYNC_MS, "0").conclude());
        assertThrows(IllegalArgumentException.class, () -> new ServerContext().set(Setting.TLS_HTTP_CERT, "/nope").conclude());
    }
}
