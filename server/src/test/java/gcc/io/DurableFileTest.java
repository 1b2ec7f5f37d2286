package gcc.io;

import gcc.testkit.SmallDisk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Write, sync, rename: the old content stays whole whatever fails. */
class DurableFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldReplaceWholeAndOwnerOnlyForSecrets() throws IOException {
        Path f = dir.resolve("a/token");
        DurableFile.replaceOwnerOnly(f, "one".getBytes());
        DurableFile.replaceOwnerOnly(f, "two".getBytes());
        assertEquals("two", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertFalse(Files.exists(dir.resolve("a/token.tmp")));
    }

    @Test
    void shouldLeaveTheOldFileWhenTheDiskIsFull() throws Exception {
        SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 128);
        Assumptions.assumeTrue(disk != null, SmallDisk.whyNot());
        try {
            Path f = disk.dir().resolve("list");
            DurableFile.replace(f, new byte[1000]);
            disk.fillLeaving(0);
            assertThrows(IOException.class, () -> DurableFile.replace(f, new byte[64 << 10]));
            assertArrayEquals(new byte[1000], Files.readAllBytes(f));
            assertFalse(Files.exists(disk.dir().resolve("list.tmp")), "no temporary file left behind");
        } finally {
            disk.close();
        }
    }

    @Test
    void shouldThrowWhenTheDirectoryCannotBeMade() throws IOException {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        assertThrows(IOException.class, () -> DurableFile.replace(notADir.resolve("child"), new byte[1]));
    }
}
