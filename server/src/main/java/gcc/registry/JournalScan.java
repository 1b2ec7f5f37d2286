package gcc.registry;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks a journal file entry by entry (length, checksum, decoding, the next sequence) and finds
 * where its whole entries end. At the first entry that fails it looks further for any whole entry
 * with a higher sequence, to tell a torn tail (nothing valid follows) from damage in the middle.
 *
 * <p>Pure reading; thread-confined.
 */
final class JournalScan {
    /**
     * What a scan found.
     *
     * @param entries          whole entries
     * @param lastSequence     sequence of the last whole entry (0 if none)
     * @param validEnd         byte where the whole entries end
     * @param fileSize         bytes in the file
     * @param damagedAt        byte of the first entry that failed, or -1
     * @param damage           why it failed, or null
     * @param validAfterDamage true when a whole entry with a higher sequence follows it (damage, not a torn tail)
     */
    record Result(long entries, long lastSequence, long validEnd, long fileSize, long damagedAt, String damage,
                  boolean validAfterDamage) {
        /** Bytes a truncation at {@link #validEnd} drops. */
        long tornBytes() {
            return fileSize - validEnd;
        }
    }

    private JournalScan() {
    }

    static Result scan(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        byte[] magic = new byte[RegistryJournal.MAGIC.length];
        ch.read(ByteBuffer.wrap(magic), 0);
        if (!Arrays.equals(magic, RegistryJournal.MAGIC)) {
            throw new IOException(file + " is not a registry journal (bad magic)");
        }
        long pos = magic.length;
        long entries = 0;
        long last = 0;
        String damage = null;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new ChannelInput(ch, pos, size), 1 << 20))) {
            byte[] payload = new byte[4096];
            while (pos < size) {
                if (size - pos < RegistryJournal.ENTRY_HEADER) {
                    damage = "a partial entry header";
                    break;
                }
                int len = in.readInt();
                int crc = in.readInt();
                if (len < 8 || len > RegistryJournal.MAX_PAYLOAD || len > size - pos - RegistryJournal.ENTRY_HEADER) {
                    damage = "an entry length of " + len + " bytes with " + (size - pos - RegistryJournal.ENTRY_HEADER) + " left";
                    break;
                }
                if (payload.length < len) {
                    payload = new byte[Math.max(len, payload.length * 2)];
                }
                in.readFully(payload, 0, len);
                damage = check(payload, len, crc, last);
                if (damage != null) {
                    break;
                }
                last = JournalEntryCodec.sequence(payload);
                entries++;
                pos += RegistryJournal.ENTRY_HEADER + len;
            }
        } catch (EOFException e) {
            damage = "the file ends inside an entry";
        }
        boolean validAfter = damage != null && validEntryAfter(ch, pos + 1, size, last);
        return new Result(entries, last, pos, size, damage == null ? -1 : pos, damage, validAfter);
    }

    /** Why the entry does not belong after {@code last}, or null. */
    private static String check(byte[] payload, int len, int crc, long last) {
        if (JournalEntryCodec.crc(payload, len) != crc) {
            return "a checksum mismatch";
        }
        long seq = JournalEntryCodec.sequence(payload);
        if (seq != last + 1) {
            return "sequence " + seq + " where " + (last + 1) + " was due";
        }
        try {
            JournalEntryCodec.decode(payload, len);
            return null;
        } catch (IllegalStateException e) {
            return "an entry that does not decode (" + e.getMessage() + ")";
        }
    }

    /** True if a whole entry with a sequence above {@code last} starts anywhere in [from, size). */
    private static boolean validEntryAfter(FileChannel ch, long from, long size, long last) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(RegistryJournal.ENTRY_HEADER);
        for (long p = from; p + RegistryJournal.ENTRY_HEADER + 8 <= size; p++) {
            head.clear();
            ch.read(head, p);
            int len = head.getInt(0);
            if (len < 8 || len > RegistryJournal.MAX_PAYLOAD || len > size - p - RegistryJournal.ENTRY_HEADER) {
                continue;
            }
            byte[] payload = new byte[len];
            ch.read(ByteBuffer.wrap(payload), p + RegistryJournal.ENTRY_HEADER);
            if (JournalEntryCodec.crc(payload, len) == head.getInt(4) && JournalEntryCodec.sequence(payload) > last) {
                return true;
            }
        }
        return false;
    }

    /** Reads a channel by absolute positions in [pos, limit). */
    static final class ChannelInput extends InputStream {
        private final FileChannel ch;
        private final long limit;
        private long pos;

        ChannelInput(FileChannel ch, long pos, long limit) {
            this.ch = ch;
            this.pos = pos;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= limit) {
                return -1;
            }
            int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, limit - pos)), pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }
    }
}
