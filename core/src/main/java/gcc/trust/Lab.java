package gcc.trust;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An accredited testing laboratory on the trust list: id, name, accreditation number (e.g. CNAS
 * L1234), the standards it is accredited for, and its keys. Immutable and thread-safe.
 */
public final class Lab {
    private final String id;
    private final String name;
    private final String accreditation;
    private final List<String> standards;
    private final byte[][] standardBytes;
    private final List<LabKey> keys;

    public Lab(String id, String name, String accreditation, List<String> standards, List<LabKey> keys) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.accreditation = Objects.requireNonNull(accreditation, "accreditation");
        this.standards = List.copyOf(standards);
        this.keys = List.copyOf(keys);
        this.standardBytes = new byte[this.standards.size()][];
        for (int i = 0; i < standardBytes.length; i++) {
            standardBytes[i] = this.standards.get(i).getBytes(StandardCharsets.US_ASCII);
        }
        for (LabKey k : this.keys) {
            k.lab(this);
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String accreditation() {
        return accreditation;
    }

    public List<String> standards() {
        return standards;
    }

    public List<LabKey> keys() {
        return keys;
    }

    /** True if the lab is accredited for the standard given as ASCII bytes. Allocation-free. */
    public boolean accreditedFor(byte[] standard, int off, int len) {
        for (byte[] s : standardBytes) {
            if (s.length == len && Arrays.equals(s, 0, len, standard, off, off + len)) {
                return true;
            }
        }
        return false;
    }
}
