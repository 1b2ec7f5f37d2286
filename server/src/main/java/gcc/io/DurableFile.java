package gcc.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a small file so that, whatever fails and whenever the power goes, the file on disk is
 * either the whole old content or the whole new content: write a temporary file next to it, fsync
 * it, rename it over the target, fsync the directory. Callers put the new state in force only
 * after {@link #replace} returned; on any failure (including an {@link Error}) it throws
 * {@link IOException}, the temporary file is removed and the old file is untouched.
 *
 * <p>Stateless and thread-safe; concurrent replacements of the same file must be serialized by the caller.
 */
public final class DurableFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DurableFile() {
    }

    /** Replaces {@code target} with {@code content}, durably. */
    public static void replace(Path target, byte[] content) throws IOException {
        replace(target, content, false);
    }

    /** As {@link #replace(Path, byte[])}, readable and writable by the owner only (secrets). */
    public static void replaceOwnerOnly(Path target, byte[] content) throws IOException {
        replace(target, content, true);
    }

    private static void replace(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(tmp); // left by a crash between write and rename
            write(tmp, content, ownerOnly);
            move(tmp, file);
            syncDirectory(dir);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (Throwable ignored) {
                // the temporary file is harmless; the next replace removes it
            }
            if (t instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot store " + file + ": " + t, t);
        }
    }

    private static void write(Path tmp, byte[] content, boolean ownerOnly) throws IOException {
        FileAttribute<?>[] attrs = ownerOnly && posix(tmp.getParent())
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another writer is replacing " + tmp + " at the same time", e);
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Fsyncs a directory so a rename in it survives a power cut; a no-op where the OS cannot. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems (and Windows) cannot open or sync a directory; the rename is then
            // as durable as the OS makes it. A real I/O error on Linux still surfaces on the file's fsync.
            if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return;
            }
            throw e;
        }
    }
}
