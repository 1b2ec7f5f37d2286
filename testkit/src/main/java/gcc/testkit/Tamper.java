package gcc.testkit;

import gcc.cbor.Cbor;
import gcc.cbor.CborException;
import gcc.cbor.CborLimits;
import gcc.code.Base45;
import gcc.code.ClearanceCode;
import gcc.code.CoseSign1;
import gcc.code.MalformedCodeException;
import gcc.code.Zlib;
import gcc.report.Uscc;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A forger's edits of a valid code: the claims change, the lab's signature stays. */
public final class Tamper {
    /** The exporter claim's key in the claims map (docs/code-format.md). */
    private static final long EXPORTER_CLAIM = 6L;

    private Tamper() {
    }

    /** Rewrites the exporter claim to {@code newExporter} and keeps the original signature. */
    public static String exporter(String code, String newExporter) {
        try {
            ClearanceCode.Layers l = ClearanceCode.decode(code);
            Map<Object, Object> claims = new LinkedHashMap<>((Map<?, ?>) Cbor.decode(l.sign1().payload(), CborLimits.CODE));
            claims.put(EXPORTER_CLAIM, Uscc.pack(newExporter.getBytes(StandardCharsets.US_ASCII), 0));
            byte[] cose = CoseSign1.encode(l.sign1().protectedBytes(), Cbor.encode(claims), l.sign1().signature(), true);
            return ClearanceCode.PREFIX + Base45.encode(Zlib.deflate(cose));
        } catch (MalformedCodeException | CborException e) {
            throw new IllegalArgumentException("only a well-formed code can be tampered with: " + e.getMessage(), e);
        }
    }
}
