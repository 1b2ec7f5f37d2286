package gcc.code;

import gcc.cbor.Cbor;
import gcc.cbor.CborException;
import gcc.cbor.CborLimits;
import gcc.cbor.CborTag;
import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A COSE_Sign1 structure (RFC 9052 section 4.2): {@code [protected, unprotected, payload, signature]},
 * optionally wrapped in CBOR tag 18.
 *
 * <p>The protected header bytes are kept exactly as received and the signature is checked over a
 * Sig_structure built from them ({@link #toBeSigned()}), never over a re-encoding. The protected
 * header must hold {@code 1} (alg) and {@code 4} (kid, 8 bytes); a {@code 2} (crit) header is
 * rejected because this format defines no critical extensions. Immutable.
 */
public final class CoseSign1 {
    /** CBOR tag of COSE_Sign1. */
    public static final long TAG = 18;
    private static final byte[] CONTEXT = "Signature1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] protectedBytes;
    private final SignatureAlgorithm algorithm;
    private final byte[] kid;
    private final byte[] payload;
    private final byte[] signature;
    private final boolean tagged;

    private CoseSign1(byte[] protectedBytes, SignatureAlgorithm algorithm, byte[] kid, byte[] payload,
                      byte[] signature, boolean tagged) {
        this.protectedBytes = protectedBytes;
        this.algorithm = algorithm;
        this.kid = kid;
        this.payload = payload;
        this.signature = signature;
        this.tagged = tagged;
    }

    /** The protected header this project emits: {@code {1: alg, 4: kid}}. */
    public static byte[] protectedHeader(SignatureAlgorithm alg, byte[] kid) {
        Map<Object, Object> h = new LinkedHashMap<>();
        h.put(1L, (long) alg.coseId());
        h.put(4L, kid);
        return Cbor.encode(h);
    }

    /** The Sig_structure {@code ["Signature1", protected, h'', payload]} to sign or verify. */
    public static byte[] toBeSigned(byte[] protectedBytes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(protectedBytes.length + payload.length + 20);
        Cbor.writeHead(out, 4, 4);
        Cbor.writeHead(out, 3, CONTEXT.length);
        out.write(CONTEXT, 0, CONTEXT.length);
        Cbor.writeHead(out, 2, protectedBytes.length);
        out.write(protectedBytes, 0, protectedBytes.length);
        Cbor.writeHead(out, 2, 0);
        Cbor.writeHead(out, 2, payload.length);
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    /** Encodes a COSE_Sign1 with an empty unprotected header; tagged with 18 when {@code tagged}. */
    public static byte[] encode(byte[] protectedBytes, byte[] payload, byte[] signature, boolean tagged) {
        List<Object> arr = List.of(protectedBytes, Map.of(), payload, signature);
        return Cbor.encode(tagged ? new CborTag(TAG, arr) : arr);
    }

    /** Parses a tagged or untagged COSE_Sign1 of a clearance code ({@link CborLimits#CODE}). */
    public static CoseSign1 parse(byte[] bytes) throws MalformedCodeException {
        return parse(bytes, CborLimits.CODE);
    }

    /**
     * Parses a tagged or untagged COSE_Sign1 whose outer structure must fit {@code limits} (a
     * trust list's payload is far larger than a code's); the protected header always fits
     * {@link CborLimits#CODE}.
     */
    public static CoseSign1 parse(byte[] bytes, CborLimits limits) throws MalformedCodeException {
        Object top;
        try {
            top = Cbor.decode(bytes, limits);
        } catch (CborException e) {
            throw new MalformedCodeException("COSE_Sign1: " + e.getMessage());
        }
        boolean tagged = false;
        if (top instanceof CborTag t) {
            if (t.tag() != TAG) {
                throw new MalformedCodeException("CBOR tag " + t.tag() + " is not COSE_Sign1 (18)");
            }
            tagged = true;
            top = t.value();
        }
        if (!(top instanceof List<?> a) || a.size() != 4) {
            throw new MalformedCodeException("COSE_Sign1 must be an array of 4");
        }
        if (!(a.get(0) instanceof byte[] prot) || !(a.get(1) instanceof Map<?, ?> unprot)
                || !(a.get(2) instanceof byte[] payload) || !(a.get(3) instanceof byte[] sig)) {
            throw new MalformedCodeException("COSE_Sign1 fields have the wrong types (or the payload is detached)");
        }
        Map<?, ?> header;
        try {
            Object h = Cbor.decode(prot, CborLimits.CODE);
            if (!(h instanceof Map<?, ?> m)) {
                throw new MalformedCodeException("protected header must be a map");
            }
            header = m;
        } catch (CborException e) {
            throw new MalformedCodeException("protected header: " + e.getMessage());
        }
        if (header.containsKey(2L)) {
            throw new MalformedCodeException("unknown critical header parameters");
        }
        if (unprot.containsKey(1L) || unprot.containsKey(2L)) {
            throw new MalformedCodeException("alg and crit belong in the protected header only");
        }
        if (!(header.get(1L) instanceof Long algId)) {
            throw new MalformedCodeException("protected header lacks an integer alg (1)");
        }
        SignatureAlgorithm alg = SignatureAlgorithm.ofCoseId(algId);
        if (alg == null) {
            throw new MalformedCodeException("unsupported COSE algorithm " + algId);
        }
        if (!(header.get(4L) instanceof byte[] kid) || kid.length != Keys.KID_LENGTH) {
            throw new MalformedCodeException("protected header lacks an 8-byte kid (4)");
        }
        return new CoseSign1(prot, alg, kid, payload, sig, tagged);
    }

    /** The bytes a signature over this structure must cover. */
    public byte[] toBeSigned() {
        return toBeSigned(protectedBytes, payload);
    }

    public byte[] protectedBytes() {
        return protectedBytes.clone();
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public byte[] kid() {
        return kid.clone();
    }

    public long kidAsLong() {
        return Keys.kidAsLong(kid, 0);
    }

    public byte[] payload() {
        return payload.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    public boolean tagged() {
        return tagged;
    }
}
