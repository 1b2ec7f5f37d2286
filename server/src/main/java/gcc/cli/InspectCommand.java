package gcc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gcc.code.ClearanceClaims;
import gcc.code.ClearanceCode;
import gcc.code.MalformedCodeException;
import gcc.verify.Verifier;
import gcc.crypto.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.HexFormat;
import java.util.concurrent.Callable;

/** {@code gatectl inspect}: every layer and claim of a code, verifying nothing. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Decode a code (text, file or QR PNG) and print every layer and claim as JSON. Verifies nothing.")
final class InspectCommand implements Callable<Integer> {
    @Mixin
    CodeInput input;

    @Override
    public Integer call() throws Exception {
        String text = input.read();
        ClearanceCode.Layers l;
        try {
            l = ClearanceCode.decode(text);
        } catch (MalformedCodeException e) {
            System.err.println("gatectl: not a readable clearance code (" + Verifier.reasonFor(e.kind()) + "): " + e.getMessage());
            return GateCtl.EXIT_USAGE;
        }
        HexFormat hex = HexFormat.of();
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("textLength", text.length());
        n.put("base45Bytes", l.compressed().length);
        n.put("zlibLayer", l.zlibPresent());
        n.put("compressedHex", hex.formatHex(l.compressed()));
        n.put("coseSign1Hex", hex.formatHex(l.cose()));
        n.put("coseTagged", l.sign1().tagged());
        ObjectNode h = n.putObject("protectedHeader");
        h.put("hex", hex.formatHex(l.sign1().protectedBytes()));
        h.put("alg", l.sign1().algorithm().cliName() + " (" + l.sign1().algorithm().coseId() + ")");
        h.put("kid", Keys.kidHex(l.sign1().kid()));
        ClearanceClaims c = l.claims();
        ObjectNode p = n.putObject("claims");
        p.put("payloadHex", hex.formatHex(l.sign1().payload()));
        p.put("reportId", c.reportId());
        p.put("reportDigest", hex.formatHex(c.digestBytes()));
        p.put("standard", c.standard());
        p.put("lab", c.labId());
        p.put("exporter", c.exporter());
        p.put("product", c.product().toString());
        p.put("issueDate", c.issueDate().toString());
        p.put("earliestExpiry", c.expiryDate().toString());
        ArrayNode passed = p.putArray("itemsPassed");
        for (int i = 1; i < 32; i++) {
            if ((c.passedMask() & (1 << (i - 1))) != 0) {
                passed.add(i);
            }
        }
        n.put("signatureHex", hex.formatHex(l.sign1().signature()));
        System.out.println(n.toPrettyString());
        return GateCtl.EXIT_OK;
    }
}
