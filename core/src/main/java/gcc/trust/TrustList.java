package gcc.trust;

import gcc.cbor.Cbor;
import gcc.cbor.CborException;
import gcc.cbor.CborFields;
import gcc.cbor.CborLimits;
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
        Set<String> ids = new HashSet<>();
        List<LabKey> all = new ArrayList<>();
        for (Lab l : this.labs) {
            if (!ids.add(l.id())) {
                throw new IllegalArgumentException("lab " + l.id() + " listed twice");
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

    /** Decodes an unsigned payload, checking every key's id against its public key. */
    public static TrustList decode(byte[] payload) throws TrustListException {
        try {
            Map<?, ?> m = CborFields.asMap(Cbor.decode(payload, CborLimits.DOCUMENT), "trust list");
            CborFields.onlyKeys(m, "trust list", 1, 2, 3);
            long version = CborFields.longIn(m, 1, "version", 1, Long.MAX_VALUE);
            long issuedAt = CborFields.longIn(m, 2, "issued-at", 0, Long.MAX_VALUE);
            List<Lab> labs = new ArrayList<>();
            for (Object o : CborFields.asList(CborFields.require(m, 3, "labs"), "labs")) {
                Map<?, ?> lm = CborFields.asMap(o, "lab");
                CborFields.onlyKeys(lm, "lab", 1, 2, 3, 4, 5);
                List<String> standards = new ArrayList<>();
                for (Object s : CborFields.asList(CborFields.require(lm, 4, "standards"), "standards")) {
                    standards.add(CborFields.text(s, "standard", 1, 64));
                }
                List<LabKey> keys = new ArrayList<>();
                for (Object k : CborFields.asList(CborFields.require(lm, 5, "keys"), "keys")) {
                    keys.add(decodeKey(CborFields.asMap(k, "key")));
                }
                labs.add(new Lab(CborFields.text(lm, 1, "lab id", 1, 16), CborFields.text(lm, 2, "lab name", 1, 200),
                        CborFields.text(lm, 3, "accreditation", 1, 64), standards, keys));
            }
            return new TrustList(version, issuedAt, labs);
        } catch (CborException e) {
            throw new TrustListException("malformed trust list: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new TrustListException("invalid trust list: " + e.getMessage());
        }
    }

    private static LabKey decodeKey(Map<?, ?> km) throws CborException {
        CborFields.onlyKeys(km, "key", 1, 2, 3, 4, 5, 6);
        byte[] kid = CborFields.bytes(km, 1, "kid", 8, 8);
        SignatureAlgorithm alg = SignatureAlgorithm.ofCoseId(CborFields.longIn(km, 2, "alg", Long.MIN_VALUE, Long.MAX_VALUE));
        if (alg == null) {
            throw new CborException("unsupported key algorithm");
        }
        KeyStatus status = KeyStatus.ofCode(CborFields.longIn(km, 6, "status", 1, 2));
        LabKey key = new LabKey(alg, CborFields.bytes(km, 3, "public key", 1, 512),
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

    /** Verifies a signed list with the customs root key and decodes it. */
    public static TrustList verify(byte[] signed, SignatureVerifier root) throws TrustListException {
        CoseSign1 s;
        try {
            s = CoseSign1.parse(signed);
        } catch (MalformedCodeException e) {
            throw new TrustListException("not a signed trust list: " + e.getMessage());
        }
        if (s.algorithm() != root.algorithm() || !root.verify(s.toBeSigned(), s.signature())) {
            throw new TrustListException("trust list signature does not verify with the customs root key");
        }
        return decode(s.payload());
    }

    /** Reads the payload of a signed list without checking its signature (for inspection only). */
    public static TrustList readUnverified(byte[] signed) throws TrustListException {
        try {
            return decode(CoseSign1.parse(signed).payload());
        } catch (MalformedCodeException e) {
            throw new TrustListException("not a signed trust list: " + e.getMessage());
        }
    }
}
