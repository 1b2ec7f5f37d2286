package gcc.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The keeper's rounds on real files: every page once per round, a replaced file followed, a missing one skipped. */
class ResidentPagesTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadEveryPageOncePerRoundAndFollowAReplacedFile() throws Exception {
        Path index = dir.resolve("index.cm3");
        Files.write(index, new byte[10 * ResidentPages.PAGE + 1]); // 11 pages, the last one partial
        try (ResidentPages keeper = ResidentPages.keep(index, 0)) {
            assertEquals(11, keeper.touch());
            assertEquals(11, keeper.touch());
            assertEquals(22, keeper.pagesTouched());
            // a rebuild renames a new, larger index into place: the next round maps the new file
            Path next = dir.resolve("index.cm3.rebuild");
            Files.write(next, new byte[20 * ResidentPages.PAGE]);
            Files.move(next, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertEquals(20, keeper.touch());
        }
    }

    @Test
    void shouldTouchEveryPageOnceOnTheCallersThread() throws Exception {
        Path index = dir.resolve("index.cm3");
        Files.write(index, new byte[7 * ResidentPages.PAGE + 1]);
        assertEquals(8, ResidentPages.touchOnce(index));
        assertEquals(0, ResidentPages.touchOnce(dir.resolve("missing.cm3")), "a missing file is no error");
    }

    @Test
    void shouldSkipAMissingFileUntilItAppears() throws Exception {
        Path index = dir.resolve("index.cm3");
        try (ResidentPages keeper = ResidentPages.keep(index, 0)) {
            assertEquals(0, keeper.touch());
            Files.write(index, new byte[3 * ResidentPages.PAGE]);
            assertEquals(3, keeper.touch());
            Files.delete(index);
            assertEquals(0, keeper.touch());
        }
    }

    @Test
    void shouldTouchOnItsOwnThreadAtStart() throws Exception {
        Path index = dir.resolve("index.cm3");
        Files.write(index, new byte[5 * ResidentPages.PAGE]);
        try (ResidentPages keeper = ResidentPages.keep(index, 3600)) {
            long end = System.nanoTime() + 10_000_000_000L;
            while (keeper.pagesTouched() < 5 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertEquals(5, keeper.pagesTouched(), "the first round runs at once, not after the interval");
        }
    }

    @Test
    void shouldRefuseANegativeInterval() {
        assertThrows(IllegalArgumentException.class, () -> ResidentPages.keep(dir.resolve("x"), -1));
    }
}
