package gcc.trust;

import gcc.cbor.Cbor;
import gcc.cbor.CborException;
import gcc.cbor.CborFields;
import gcc.code.CoseSign1;
import gcc.code.MalformedCodeException;
import gcc.crypto.SignatureAlgorithm;
import gcc.crypto.SignatureVerifier;
import gcc.crypto.Signer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list of accredited labs and their keys, as customs signs it. Immutable and thread-safe;
 * {@link #key(long)} finds a key by id with a binary search over a sorted {@code long[]} and
 * allocates nothing.
 *
 * <p>Wire form: a COSE_Sign1 (tagged, signed by the customs root key) whose payload is
 * <pre>
 * {1: version uint, 2: issued-at epoch seconds, 3: [lab...]}
 * lab = {1: id, 2: name, 3: accreditation no, 4: [standard tstr...], 5: [key...]}
 * key = {1: kid bstr 8, 2: COSE alg, 3: SubjectPublicKeyInfo DER, 4: not-before, 5: not-after, 6: status 1 active | 2 revoked}
 * </pre>
 * The version must grow with every list customs publishes; a verifier never goes back.
 */
public final class TrustList {
    private final long version;
    private final long issuedAt;
    private final List<Lab> labs;
    private final long[] kids;
    private final LabKey[] keysByKid;

    public TrustList(long version, long issuedAt, List<Lab> labs) {
        if (version < 1) {
            throw new IllegalArgumentException("trust list version must be at least 1");
        }
        this.version = version;
        this.issuedAt = issuedAt;
        this.labs = List.copyOf(labs);
        if (this.labs.size() > TrustListLimits.MAX_LABS) {
            throw new IllegalArgumentException(this.labs.size() + " labs, over the limit of " + TrustListLimits.MAX_LABS);
        }
        Set<String> ids = new HashSet<>();
        List<LabKey> all = new ArrayList<>();
        for (Lab l : this.labs) {
            if (!ids.add(l.id())) {
                throw new IllegalArgumentException("lab " + l.id() + " listed twice");
            }
            if (l.keys().size() > TrustListLimits.MAX_KEYS_PER_LAB || l.standards().size() > TrustListLimits.MAX_STANDARDS_PER_LAB) {
                throw new IllegalArgumentException("lab " + l.id() + " lists " + l.keys().size() + " keys and "
                        + l.standards().size() + " standards; the limits are " + TrustListLimits.MAX_KEYS_PER_LAB
                        + " and " + TrustListLimits.MAX_STANDARDS_PER_LAB);
            }
            all.addAll(l.keys());
        }
        all.sort((a, b) -> Long.compare(a.kidAsLong(), b.kidAsLong()));
        kids = new long[all.size()];
        keysByKid = all.toArray(new LabKey[0]);
        for (int i = 0; i < kids.length; i++) {
            kids[i] = keysByKid[i].kidAsLong();
            if (i > 0 && kids[i] == kids[i - 1]) {
                throw new IllegalArgumentException("key id listed twice: " + keysByKid[i]);
            }
        }
        int size = encode().length;
        if (size > TrustListLimits.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the list encodes to " + size + " bytes, over the limit of "
                    + TrustListLimits.MAX_PAYLOAD_BYTES + " (" + TrustListLimits.MAX_SIGNED_BYTES + " signed)");
        }
    }

    public long version() {
        return version;
    }

    /** When customs issued this list, epoch seconds. */
    public long issuedAt() {
        return issuedAt;
    }

    public List<Lab> labs() {
        return labs;
    }

    /** The key with this id, or {@code null}. */
    public LabKey key(long kid) {
        int i = Arrays.binarySearch(kids, kid);
        return i >= 0 ? keysByKid[i] : null;
    }

    /** The lab with this id, or {@code null}. */
    public Lab lab(String id) {
        for (Lab l : labs) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        return null;
    }

    /** Every key, sorted by id. */
    public List<LabKey> keys() {
        return List.of(keysByKid);
    }

    // ------------------------------------------------------------------ encoding

    /** The CBOR payload of this list. */
    public byte[] encode() {
        List<Object> labList = new ArrayList<>();
        for (Lab l : labs) {
            List<Object> keyList = new ArrayList<>();
            for (LabKey k : l.keys()) {
                Map<Object, Object> km = new LinkedHashMap<>();
                km.put(1L, k.kid());
                km.put(2L, (long) k.algorithm().coseId());
                km.put(3L, k.spki());
                km.put(4L, k.notBefore());
                km.put(5L, k.notAfter());
                km.put(6L, (long) k.status().code());
                keyList.add(km);
            }
            Map<Object, Object> lm = new LinkedHashMap<>();
            lm.put(1L, l.id());
            lm.put(2L, l.name());
            lm.put(3L, l.accreditation());
            lm.put(4L, new ArrayList<Object>(l.standards()));
            lm.put(5L, keyList);
            labList.add(lm);
        }
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(1L, version);
        m.put(2L, issuedAt);
        m.put(3L, labList);
        return Cbor.encode(m);
    }

    /**
     * Decodes an unsigned payload within {@link TrustListLimits}, checking every key's id against
     * its public key.
     */
    public static TrustList decode(byte[] payload) throws TrustListException {
        if (payload.length > TrustListLimits.MAX_PAYLOAD_BYTES) {
            throw new TrustListException("trust list payload is " + payload.length + " bytes, over the limit of "
                    + TrustListLimits.MAX_PAYLOAD_BYTES);
        }
        try {
            Map<?, ?> m = CborFields.asMap(Cbor.decode(payload, TrustListLimits.PAYLOAD), "trust list");
            CborFields.onlyKeys(m, "trust list", 1, 2, 3);
            long version = CborFields.longIn(m, 1, "version", 1, Long.MAX_VALUE);
            long issuedAt = CborFields.longIn(m, 2, "issued-at", 0, Long.MAX_VALUE);
            List<Lab> labs = new ArrayList<>();
            for (Object o : within(CborFields.require(m, 3, "labs"), "labs", TrustListLimits.MAX_LABS)) {
                Map<?, ?> lm = CborFields.asMap(o, "lab");
                CborFields.onlyKeys(lm, "lab", 1, 2, 3, 4, 5);
                List<String> standards = new ArrayList<>();
                for (Object s : within(CborFields.require(lm, 4, "standards"), "standards of a lab",
                        TrustListLimits.MAX_STANDARDS_PER_LAB)) {
                    standards.add(CborFields.text(s, "standard", 1, TrustListLimits.MAX_STANDARD));
                }
                List<LabKey> keys = new ArrayList<>();
                for (Object k : within(CborFields.require(lm, 5, "keys"), "keys of a lab", TrustListLimits.MAX_KEYS_PER_LAB)) {
                    keys.add(decodeKey(CborFields.asMap(k, "key")));
                }
                labs.add(new Lab(CborFields.text(lm, 1, "lab id", 1, TrustListLimits.MAX_LAB_ID),
                        CborFields.text(lm, 2, "lab name", 1, TrustListLimits.MAX_LAB_NAME),
                        CborFields.text(lm, 3, "accreditation", 1, TrustListLimits.MAX_ACCREDITATION), standards, keys));
            }
            return new TrustList(version, issuedAt, labs);
        } catch (CborException e) {
            throw new TrustListException("malformed trust list: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new TrustListException("invalid trust list: " + e.getMessage());
        }
    }

    private static List<?> within(Object v, String what, int max) throws CborException {
        List<?> list = CborFields.asList(v, what);
        if (list.size() > max) {
            throw new CborException(list.size() + " " + what + ", over the limit of " + max);
        }
        return list;
    }

    private static LabKey decodeKey(Map<?, ?> km) throws CborException {
        CborFields.onlyKeys(km, "key", 1, 2, 3, 4, 5, 6);
        byte[] kid = CborFields.bytes(km, 1, "kid", 8, 8);
        SignatureAlgorithm alg = SignatureAlgorithm.ofCoseId(CborFields.longIn(km, 2, "alg", Long.MIN_VALUE, Long.MAX_VALUE));
        if (alg == null) {
            throw new CborException("unsupported key algorithm");
        }
        KeyStatus status = KeyStatus.ofCode(CborFields.longIn(km, 6, "status", 1, 2));
        LabKey key = new LabKey(alg, CborFields.bytes(km, 3, "public key", 1, TrustListLimits.MAX_SPKI),
                CborFields.longIn(km, 4, "not-before", 0, Long.MAX_VALUE),
                CborFields.longIn(km, 5, "not-after", 0, Long.MAX_VALUE), status);
        if (!Arrays.equals(kid, key.kid())) {
            throw new CborException("kid does not match its public key");
        }
        return key;
    }

    /** Signs this list with the customs root key: a tagged COSE_Sign1 over {@link #encode()}. */
    public byte[] sign(Signer root) {
        byte[] payload = encode();
        byte[] prot = CoseSign1.protectedHeader(root.algorithm(), root.kid());
        return CoseSign1.encode(prot, payload, root.sign(CoseSign1.toBeSigned(prot, payload)), true);
    }

    /**
     * Verifies a signed list with the customs root key and decodes it. The size is checked before
     * anything is parsed; an unsigned payload or a JSON source sent by mistake is named as such,
     * with the command that turns it into a signed list.
     */
    public static TrustList verify(byte[] signed, SignatureVerifier root) throws TrustListException {
        CoseSign1 s = envelope(signed);
        if (s.algorithm() != root.algorithm() || !root.verify(s.toBeSigned(), s.signature())) {
            throw new TrustListException("trust list signature does not verify with the customs root key");
        }
        return decode(s.payload());
    }

    /** Reads the payload of a signed list without checking its signature (for inspection only). */
    public static TrustList readUnverified(byte[] signed) throws TrustListException {
        return decode(envelope(signed).payload());
    }

    /** What {@code gatectl} prints to sign a payload; kept here so every refusal names the same command. */
    public static final String SIGN_COMMAND = "gatectl trust-list sign --in PAYLOAD --root-key ROOT_KEY.pem --out SIGNED";

    private static CoseSign1 envelope(byte[] signed) throws TrustListException {
        if (signed.length > TrustListLimits.MAX_SIGNED_BYTES) {
            throw new TrustListException("signed trust list is " + signed.length + " bytes, over the limit of "
                    + TrustListLimits.MAX_SIGNED_BYTES);
        }
        if (signed.length == 0) {
            throw new TrustListException("not a signed trust list: it is empty");
        }
        int first = signed[0] & 0xff;
        if (first == '{' || first == '/' || first == '#') {
            throw new TrustListException("not a signed trust list: this looks like the JSON source; build and sign it "
                    + "first: gatectl trust-list build --in SOURCE.json --out PAYLOAD, then " + SIGN_COMMAND);
        }
        if (first >>> 5 == 5) { // a CBOR map: a COSE_Sign1 is an array or tag 18, the payload is a map
            throw new TrustListException("not a signed trust list: this is an unsigned trust list payload (a CBOR map, "
                    + "as 'gatectl trust-list build' writes it); sign it with the customs root key: " + SIGN_COMMAND);
        }
        try {
            return CoseSign1.parse(signed, TrustListLimits.ENVELOPE);
        } catch (MalformedCodeException e) {
            throw new TrustListException("not a signed trust list: " + e.getMessage());
        }
    }
}
