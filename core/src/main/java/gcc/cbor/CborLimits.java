package gcc.cbor;

/**
 * Caps the decoder enforces before doing any work proportional to a declared size, so hostile
 * input costs at most these bounds.
 *
 * @param maxDepth       deepest nesting of arrays, maps and tags (the top value is depth 1)
 * @param maxItems       most entries in one array or pairs in one map
 * @param maxStringBytes longest byte or text string
 */
public record CborLimits(int maxDepth, int maxItems, int maxStringBytes) {

    /** Limits for clearance codes and protected headers: small, shallow structures. */
    public static final CborLimits CODE = new CborLimits(4, 32, 1024);

    /** Limits for trust lists and report documents: larger but still bounded. */
    public static final CborLimits DOCUMENT = new CborLimits(8, 10_000, 64 * 1024);
}
