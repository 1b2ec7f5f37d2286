package gcc.registry;

import gcc.cbor.CborException;
import gcc.report.ReportDocument;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One journal entry in bytes: the framing {@link RegistryJournal} writes and the payload.
 *
 * <pre>
 * entry   = length u32 | crc32c u32 | payload
 * payload = sequence i64 | time-ms i64 | type u8 | actor | report id | reason | document
 *           (actor, report id, reason: u16 length + UTF-8; document: u32 length + canonical CBOR, 0 = none)
 * </pre>
 * All integers big-endian. Pure functions; thread-safe.
 */
final class JournalEntryCodec {
    private JournalEntryCodec() {
    }

    static ByteBuffer encode(RegistryEvent e) {
        byte[] actor = utf8(e.actor());
        byte[] id = utf8(e.reportId());
        byte[] reason = utf8(e.reason() == null ? "" : e.reason());
        byte[] doc = e.document() == null ? new byte[0] : e.document().canonicalBytes();
        int len = 8 + 8 + 1 + 2 + actor.length + 2 + id.length + 2 + reason.length + 4 + doc.length;
        ByteBuffer b = ByteBuffer.allocate(RegistryJournal.ENTRY_HEADER + len);
        b.putInt(len).putInt(0);
        b.putLong(e.sequence()).putLong(e.timeMillis()).put((byte) e.type().code());
        b.putShort((short) actor.length).put(actor).putShort((short) id.length).put(id);
        b.putShort((short) reason.length).put(reason).putInt(doc.length).put(doc);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), RegistryJournal.ENTRY_HEADER, len);
        b.putInt(4, (int) crc.getValue());
        return b.flip();
    }

    private static byte[] utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xffff) {
            throw new IllegalArgumentException("journal text field longer than 65535 bytes");
        }
        return b;
    }

    static int crc(byte[] payload, int len) {
        CRC32C crc = new CRC32C();
        crc.update(payload, 0, len);
        return (int) crc.getValue();
    }

    static long sequence(byte[] payload) {
        return ByteBuffer.wrap(payload, 0, 8).getLong();
    }

    /** Decodes a payload whose checksum matched; throws {@link IllegalStateException} if it does not decode. */
    static RegistryEvent decode(byte[] payload, int len) {
        try {
            ByteBuffer b = ByteBuffer.wrap(payload, 0, len);
            long seq = b.getLong();
            long time = b.getLong();
            RegistryEvent.Type type = RegistryEvent.Type.ofCode(b.get());
            String actor = text(b);
            String reportId = text(b);
            String reason = text(b);
            byte[] doc = new byte[b.getInt()];
            b.get(doc);
            if (b.hasRemaining()) {
                throw new IllegalStateException("journal entry " + seq + " has " + b.remaining() + " bytes after its document");
            }
            if (type == null) {
                throw new IllegalStateException("journal entry " + seq + " has an unknown type");
            }
            boolean carriesDocument = type == RegistryEvent.Type.REGISTER || type == RegistryEvent.Type.REVISE;
            if (carriesDocument != (doc.length > 0)) {
                throw new IllegalStateException("journal entry " + seq + " (" + type + ") "
                        + (carriesDocument ? "has no document" : "carries a document"));
            }
            ReportDocument d = doc.length == 0 ? null : ReportDocument.fromCanonicalBytes(doc);
            return new RegistryEvent(seq, time, actor, type, reportId, d, carriesDocument ? null : reason);
        } catch (CborException e) {
            throw new IllegalStateException("journal entry holds an unreadable report: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("journal entry does not decode: " + e, e);
        }
    }

    private static String text(ByteBuffer b) {
        byte[] t = new byte[b.getShort() & 0xffff];
        b.get(t);
        return new String(t, StandardCharsets.UTF_8);
    }
}
