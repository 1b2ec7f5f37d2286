package gcc.rules;

import java.nio.charset.StandardCharsets;

/**
 * What the gate (or forwarder) declares about the consignment: the declaring exporter's USCC and,
 * optionally, the product ({@code HS/MODEL}, the HS code alone, or the model alone). A mutable
 * view over caller-owned bytes so the gate can point it at a received frame without copying.
 *
 * <p>Not thread-safe; one per thread.
 */
public final class Declaration {
    private byte[] exporter = new byte[0];
    private int exporterOff;
    private int exporterLen;
    private byte[] product;
    private int productOff;
    private int productLen;

    /** Points at the exporter bytes; {@code product} may be {@code null} for none. */
    public Declaration set(byte[] exporter, int exporterOff, int exporterLen, byte[] product, int productOff, int productLen) {
        this.exporter = exporter;
        this.exporterOff = exporterOff;
        this.exporterLen = exporterLen;
        this.product = productLen > 0 ? product : null;
        this.productOff = productOff;
        this.productLen = product == null ? 0 : productLen;
        return this;
    }

    /** Convenience for tools (allocates). */
    public static Declaration of(String exporter, String product) {
        byte[] e = exporter.getBytes(StandardCharsets.UTF_8);
        byte[] p = product == null || product.isEmpty() ? null : product.getBytes(StandardCharsets.UTF_8);
        return new Declaration().set(e, 0, e.length, p, 0, p == null ? 0 : p.length);
    }

    public byte[] exporter() {
        return exporter;
    }

    public int exporterOff() {
        return exporterOff;
    }

    public int exporterLen() {
        return exporterLen;
    }

    public boolean hasProduct() {
        return product != null;
    }

    public byte[] product() {
        return product;
    }

    public int productOff() {
        return productOff;
    }

    public int productLen() {
        return productLen;
    }
}
