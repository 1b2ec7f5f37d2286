package gcc.crypto;

import java.util.Locale;

/**
 * The signature algorithms a clearance code or trust list may use, with their COSE algorithm ids.
 * Every signature is raw (Ed25519's 64 bytes; ECDSA and SM2 as r||s, 32 bytes each), never DER.
 */
public enum SignatureAlgorithm {
    /** EdDSA over Ed25519 (COSE -8). Deterministic signatures. */
    ED25519(-8, "ed25519"),
    /** ECDSA over P-256 with SHA-256 (COSE -7). This project signs with RFC 6979 deterministic nonces. */
    ES256(-7, "es256"),
    /**
     * SM2 with SM3 (GB/T 32918, GM/T 0003), the Chinese national standard. COSE registers no id
     * for it, so this project uses {@value #SM2_COSE_ID} from the private-use range (below
     * -65536); the signer's user id is pinned to the GM/T 0009 default {@code 1234567812345678}.
     */
    SM2(SignatureAlgorithm.SM2_COSE_ID, "sm2");

    /** The private-use COSE algorithm id this project assigns to SM2-with-SM3. */
    public static final int SM2_COSE_ID = -65601;

    private final int coseId;
    private final String cliName;

    SignatureAlgorithm(int coseId, String cliName) {
        this.coseId = coseId;
        this.cliName = cliName;
    }

    public int coseId() {
        return coseId;
    }

    /** Lower-case name used on the command line and in files. */
    public String cliName() {
        return cliName;
    }

    /** The algorithm with this COSE id, or {@code null}. */
    public static SignatureAlgorithm ofCoseId(long id) {
        for (SignatureAlgorithm a : values()) {
            if (a.coseId == id) {
                return a;
            }
        }
        return null;
    }

    /** Parses {@code ed25519}, {@code es256} or {@code sm2} (any case). */
    public static SignatureAlgorithm ofName(String name) {
        for (SignatureAlgorithm a : values()) {
            if (a.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + name + "': use ed25519, es256 or sm2");
    }
}
