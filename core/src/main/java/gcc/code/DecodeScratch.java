package gcc.code;

import gcc.cbor.CborCursor;

import java.util.zip.Inflater;

/**
 * One thread's working memory for decoding codes on a memo miss
 * ({@link ClearanceCode#decodeInto}): the Base45 output, a reused {@link Inflater} and its output,
 * the COSE_Sign1 flyweight and room for the Sig_structure, so that decoding a well-formed code
 * allocates only the claims it returns. About 3 KiB of heap plus the inflater's native state
 * (made on first use, freed when this scratch is collected).
 *
 * <p>Not thread-safe: one per thread.
 */
public final class DecodeScratch {
    final byte[] compressed = new byte[Base45.decodedLength(ClearanceCode.MAX_TEXT)];
    final byte[] cose = new byte[ClearanceCode.MAX_COSE + 1];
    final CoseSign1Flyweight sign1 = new CoseSign1Flyweight();
    final CborCursor cursor = new CborCursor();
    final byte[] exporter = new byte[gcc.report.Uscc.LENGTH];
    final byte[] packedExporter = new byte[gcc.report.Uscc.PACKED_LENGTH];
    private final byte[] toBeSigned = new byte[ClearanceCode.MAX_COSE + 32];
    private Inflater inflater;

    Inflater inflater() {
        if (inflater == null) {
            inflater = new Inflater();
        }
        return inflater;
    }

    /** The COSE_Sign1 of the last code decoded with this scratch. */
    public CoseSign1Flyweight sign1() {
        return sign1;
    }

    /**
     * The Sig_structure of the last code decoded with this scratch, written into a buffer this
     * scratch owns (valid until the next call); its length is {@link #toBeSignedLength()}.
     */
    public byte[] toBeSigned() {
        sign1.toBeSigned(toBeSigned);
        return toBeSigned;
    }

    /** Length of what {@link #toBeSigned()} wrote. */
    public int toBeSignedLength() {
        return sign1.toBeSignedLength();
    }
}
