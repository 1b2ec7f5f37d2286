package gcc.cbor;

/** A tagged data item (major type 6): the tag number and the value it wraps. */
public record CborTag(long tag, Object value) {
}
