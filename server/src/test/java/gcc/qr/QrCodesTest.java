package gcc.qr;

import gcc.crypto.Signer;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every code we write as a QR image reads back, whatever its bits (keys and signatures vary per run). */
class QrCodesTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadBackManyDifferentCodesOfEveryAlgorithm() throws Exception {
        TestWorld w = new TestWorld(System.nanoTime());
        int n = 0;
        for (Signer s : new Signer[]{w.labA, w.labAes, w.labAsm2}) {
            for (int i = 0; i < 60; i++) {
                String code = w.issue(TestWorld.report(String.format("NB26-%06d", i)), s);
                Path png = dir.resolve("c" + n++ + ".png");
                QrCodes.writePng(code, png);
                assertEquals(code, QrCodes.readPng(png), s.algorithm() + " code " + i);
                assertTrue(QrCodes.version(code) <= 10);
            }
        }
    }
}
