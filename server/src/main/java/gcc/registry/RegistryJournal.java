package gcc.registry;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The registry's source of truth: every accepted change, in order, in one append-only file.
 *
 * <pre>
 * file   = header entry*
 * header = "GCCJRNL1" (8 bytes)
 * entry  = length u32 | crc32c u32 (of payload) | payload (length bytes, see JournalEntryCodec)
 * </pre>
 *
 * <p>Durability: {@link #append} writes the entry and fsyncs the file before returning, so an
 * acknowledged change survives a process kill and a power cut (as far as the device honours a
 * sync). Bulk loading {@link #write}s many and {@link #sync}s once. A write or sync that fails
 * (a full disk, an I/O error, anything thrown) is cut off again: the file is truncated back to
 * where it ended, the sequence is not advanced, and {@link JournalWriteException} tells the
 * caller nothing was journaled.
 *
 * <p>Recovery ({@link #open}): every entry's length, checksum, decoding and sequence are checked.
 * An entry that fails and is followed by nothing valid is a torn tail (a write cut by a crash or a
 * full disk, never acknowledged): it is truncated away, never replayed. One that fails but is
 * followed by valid entries is damage in the middle: the journal refuses to open and names the
 * byte and sequence ({@code gatectl registry repair} cuts it there on request).
 *
 * <p>Appends are serialized by the caller (one writer); {@link #replay} may run concurrently with them.
 */
final class RegistryJournal implements AutoCloseable {
    static final byte[] MAGIC = {'G', 'C', 'C', 'J', 'R', 'N', 'L', '1'};
    static final int ENTRY_HEADER = 8;
    /** Longer than any entry the codec writes; a longer length word is damage. */
    static final int MAX_PAYLOAD = 1 << 24;

    private final Path file;
    private final FileChannel channel;
    private final JournalScan.Result opened;
    private long end;
    private long lastPosition;
    private long lastSequence;
    private boolean dirtyTail;

    private RegistryJournal(Path file, FileChannel channel, JournalScan.Result scan) {
        this.file = file;
        this.channel = channel;
        this.opened = scan;
        this.end = scan.validEnd();
        this.lastSequence = scan.lastSequence();
    }

    /**
     * Opens (creating if needed) the journal file, cutting off a torn tail.
     *
     * @throws JournalDamagedException when an entry in the middle is damaged
     */
    static RegistryJournal open(Path file) throws IOException {
        return open(file, false);
    }

    /** As {@link #open(Path)}; with {@code cutDamaged} damage in the middle is cut like a torn tail (repair only). */
    static RegistryJournal open(Path file, boolean cutDamaged) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (ch.size() < MAGIC.length) {
                // New, or torn before its header was whole: nothing was ever acknowledged in it.
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(MAGIC), 0);
                ch.force(true);
                gcc.io.DurableFile.syncDirectory(file.toAbsolutePath().getParent());
            }
            JournalScan.Result scan = JournalScan.scan(ch, file);
            if (scan.damagedAt() >= 0 && scan.validAfterDamage() && !cutDamaged) {
                throw new JournalDamagedException(file, scan);
            }
            if (scan.validEnd() < ch.size()) {
                ch.truncate(scan.validEnd());
                ch.force(true);
            }
            return new RegistryJournal(file, ch, scan);
        } catch (IOException | RuntimeException | Error e) {
            ch.close();
            throw e;
        }
    }

    /** What the open found: entries, a cut torn tail (bytes and where). */
    JournalScan.Result opened() {
        return opened;
    }

    /** Sequence of the last event in the journal (0 if empty). */
    long lastSequence() {
        return lastSequence;
    }

    /** Bytes of whole entries (and the header) in the file. */
    long size() {
        return end;
    }

    Path file() {
        return file;
    }

    /** Appends an event placed at the next sequence, durably. Throws {@link JournalWriteException}, journal unchanged. */
    RegistryEvent append(RegistryEvent event, long timeMillis) {
        long before = end;
        long seqBefore = lastSequence;
        RegistryEvent placed = write(event, timeMillis);
        try {
            channel.force(false);
        } catch (Throwable t) {
            cutBack(before, seqBefore);
            throw new JournalWriteException("registry change not journaled (sync failed): " + t, t);
        }
        return placed;
    }

    /** Makes everything written so far durable (bulk loading writes many, then syncs once). */
    void sync() {
        try {
            channel.force(false);
        } catch (Throwable t) {
            throw new JournalWriteException("registry journal sync failed: " + t, t);
        }
    }

    /** Writes an event at the next sequence without syncing: not acknowledged until {@link #sync()}. */
    RegistryEvent write(RegistryEvent event, long timeMillis) {
        if (dirtyTail) {
            cutBack(end, lastSequence); // a failed write left bytes we could not cut: try again first
            if (dirtyTail) {
                throw new JournalWriteException("registry journal has an unremovable partial entry at byte " + end
                        + "; nothing is journaled until it can be cut (free space, then retry)", null);
            }
        }
        long before = end;
        long seqBefore = lastSequence;
        RegistryEvent placed = event.at(lastSequence + 1, timeMillis);
        try {
            ByteBuffer entry = JournalEntryCodec.encode(placed);
            long at = end;
            while (entry.hasRemaining()) {
                at += channel.write(entry, at);
            }
            lastPosition = end;
            end = at;
            lastSequence = placed.sequence();
            return placed;
        } catch (Throwable t) {
            cutBack(before, seqBefore);
            throw new JournalWriteException("registry change not journaled: " + t, t);
        }
    }

    /** Truncates the file back to {@code position}; remembers when that failed so no entry lands after garbage. */
    private void cutBack(long position, long sequence) {
        end = position;
        lastSequence = sequence;
        try {
            channel.truncate(position);
            channel.force(false);
            dirtyTail = false;
        } catch (Throwable t) {
            dirtyTail = true;
        }
    }

    /** Receives a replayed event with its position (byte offset of its entry) in the journal. */
    interface Sink {
        void accept(RegistryEvent event, long position);
    }

    /** Position (byte offset) of the event last written by {@link #write}. */
    long lastPosition() {
        return lastPosition;
    }

    /** The event whose entry starts at {@code position}, or {@code null} if none whole starts there. */
    RegistryEvent read(long position) {
        if (position < MAGIC.length || position + ENTRY_HEADER > end) {
            return null;
        }
        try {
            ByteBuffer head = ByteBuffer.allocate(ENTRY_HEADER);
            channel.read(head, position);
            int len = head.getInt(0);
            if (len < 8 || position + ENTRY_HEADER + len > end) {
                return null;
            }
            byte[] payload = new byte[len];
            channel.read(ByteBuffer.wrap(payload), position + ENTRY_HEADER);
            return JournalEntryCodec.crc(payload, len) == head.getInt(4) ? JournalEntryCodec.decode(payload, len) : null;
        } catch (IOException | IllegalStateException e) {
            return null;
        }
    }

    /** Every recall in the journal applied in order. */
    RecallScopes scopes(StatusChanges changes) {
        RecallScopes[] scopes = {RecallScopes.NONE};
        replay(0, (e, pos) -> {
            changes.apply(e);
            if (e.type() == RegistryEvent.Type.SCOPE_REVOKE || e.type() == RegistryEvent.Type.SCOPE_SUSPEND
                    || e.type() == RegistryEvent.Type.SCOPE_LIFT) {
                scopes[0] = scopes[0].apply(e);
            }
        });
        return scopes[0];
    }

    /**
     * Calls {@code sink} with every whole event whose sequence is above {@code afterSequence}, in
     * order, up to what was appended when the call began.
     */
    void replay(long afterSequence, Sink sink) {
        long limit = end;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new JournalScan.ChannelInput(channel, 0, limit), 1 << 20))) {
            in.skipNBytes(MAGIC.length);
            long pos = MAGIC.length;
            byte[] payload = new byte[4096];
            while (pos < limit) {
                int len = in.readInt();
                in.readInt(); // checksum: checked when the journal was opened
                if (payload.length < len) {
                    payload = new byte[Math.max(len, payload.length * 2)];
                }
                in.readFully(payload, 0, len);
                long at = pos;
                pos += ENTRY_HEADER + len;
                if (JournalEntryCodec.sequence(payload) > afterSequence) {
                    sink.accept(JournalEntryCodec.decode(payload, len), at);
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException("registry journal " + file + " ended before its last whole entry", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry journal " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to lose: every acknowledged entry was synced
        }
    }
}
