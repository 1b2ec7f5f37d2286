package gcc.registry;

import gcc.io.DurableFile;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A cheap pre-flight check of an index file before Chronicle Map maps it. Chronicle waits up to a
 * minute for a header it does not recognise as ready (assuming another process is still creating
 * the file), and mapping a truncated file can fault past its end; a gate must not hang on either.
 * So at creation we record the file's length and a SHA-256 of its self-bootstrapping header
 * (immutable once written), and at open we compare before handing the file to Chronicle.
 */
public final class IndexFileCheck {
    private static final int MAX_HEADER = 1 << 20;

    private IndexFileCheck() {
    }

    /** SHA-256 (hex) of the magic, size word and self-bootstrapping header, or null if they are not there. */
    static String fingerprint(Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() < 12) {
                return null;
            }
            // 8 bytes that identify the header, a 4-byte size word, then the header: a typed
            // Chronicle Wire document that starts with '!'.
            byte[] head = new byte[12];
            f.readFully(head);
            int size = ((head[8] & 0xff) | (head[9] & 0xff) << 8 | (head[10] & 0xff) << 16 | (head[11] & 0x3f) << 24);
            if (size <= 0 || size > MAX_HEADER || 12L + size > f.length()) {
                return null;
            }
            byte[] header = new byte[size];
            f.readFully(header);
            if (header[0] != '!') {
                return null;
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(head);
            sha.update(header);
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** Records what a freshly created index looks like. */
    public static void record(Path file, Path sidecar) throws IOException {
        record(file, sidecar, 0);
    }

    /** Records what a freshly created index looks like and how many reports it was created for (0: not known). */
    public static void record(Path file, Path sidecar, long entries) throws IOException {
        String fp = fingerprint(file);
        if (fp == null) {
            throw new IOException("a newly created index " + file + " has no readable header");
        }
        DurableFile.replace(sidecar, ("length=" + Files.size(file) + "\nheader=" + fp + "\nentries=" + entries + "\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The reports the index was created for, or 0 when not recorded. */
    static long entries(Path sidecar) {
        try (var in = Files.newBufferedReader(sidecar)) {
            Properties p = new Properties();
            p.load(in);
            return Long.parseLong(p.getProperty("entries", "0"));
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** True if the file still has its recorded header and at least its recorded length. */
    public static boolean matches(Path file, Path sidecar) {
        try {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(sidecar)) {
                p.load(in);
            }
            long length = Long.parseLong(p.getProperty("length", "-1"));
            String header = p.getProperty("header", "");
            return length > 0 && Files.size(file) >= length && header.equals(fingerprint(file));
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
