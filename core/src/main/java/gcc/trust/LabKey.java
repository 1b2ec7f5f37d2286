package gcc.trust;

import gcc.crypto.Keys;
import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.SignatureVerifier;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One signing key of a lab, as listed on the trust list: its id, algorithm, public key, validity
 * window (epoch seconds, inclusive) and status. Holds the prepared {@link SignatureVerifier}.
 * Immutable and thread-safe.
 */
public final class LabKey {
    private final byte[] kid;
    private final long kidLong;
    private final SignatureAlgorithm algorithm;
    private final byte[] spki;
    private final long notBefore;
    private final long notAfter;
    private final KeyStatus status;
    private final SignatureVerifier verifier;
    private Lab lab;

    public LabKey(SignatureAlgorithm algorithm, byte[] spki, long notBefore, long notAfter, KeyStatus status) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.spki = spki.clone();
        this.kid = Keys.kid(this.spki);
        this.kidLong = Keys.kidAsLong(kid, 0);
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.status = Objects.requireNonNull(status, "status");
        if (notAfter < notBefore) {
            throw new IllegalArgumentException("key not-after is before not-before");
        }
        this.verifier = SignatureVerifier.ofSpki(this.spki);
        if (verifier.algorithm() != algorithm) {
            throw new IllegalArgumentException("key is a " + verifier.algorithm() + " key, listed as " + algorithm);
        }
    }

    void lab(Lab owner) {
        if (this.lab != null && this.lab != owner) {
            throw new IllegalArgumentException("a key object belongs to one lab");
        }
        this.lab = owner;
    }

    /** The lab that holds this key. */
    public Lab lab() {
        return lab;
    }

    /** The id of the lab that holds this key. */
    public String labId() {
        return lab == null ? null : lab.id();
    }

    /** True if {@code spki} is this key's DER SubjectPublicKeyInfo. Allocation-free. */
    public boolean spkiEquals(byte[] other) {
        return Arrays.equals(spki, other);
    }

    public byte[] kid() {
        return kid.clone();
    }

    public long kidAsLong() {
        return kidLong;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public byte[] spki() {
        return spki.clone();
    }

    public long notBefore() {
        return notBefore;
    }

    public long notAfter() {
        return notAfter;
    }

    public KeyStatus status() {
        return status;
    }

    public SignatureVerifier verifier() {
        return verifier;
    }

    /** True if this key's window, widened by {@code skewSeconds}, contains {@code epochSecond}. */
    public boolean validAt(long epochSecond, long skewSeconds) {
        return epochSecond + skewSeconds >= notBefore && epochSecond - skewSeconds <= notAfter;
    }

    /** True if both list the same key material, algorithm, window and status. */
    public boolean sameAs(LabKey o) {
        return o != null && algorithm == o.algorithm && Arrays.equals(spki, o.spki) && notBefore == o.notBefore
                && notAfter == o.notAfter && status == o.status && Objects.equals(labId(), o.labId());
    }

    @Override
    public String toString() {
        return "LabKey[" + Keys.kidHex(kid) + ", " + algorithm + ", " + Instant.ofEpochSecond(notBefore) + " .. "
                + Instant.ofEpochSecond(notAfter) + ", " + status + "]";
    }
}
