package gcc.trust;

import gcc.crypto.SignatureVerifier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Holds the current trust list and accepts a replacement only if it is well signed by the
 * customs root key, well formed, and has a higher version; otherwise the current list stays.
 *
 * <p>When a new list revokes a key, removes it, or changes its window or material, listeners
 * registered with {@link #onKeyChanged} hear that key's id, so whatever that key verified (the
 * signature memo) is forgotten.
 *
 * <p>Thread-safe: readers see the current list through one volatile read; offers are serialized.
 */
public final class TrustStore {
    private final SignatureVerifier root;
    private final List<LongConsumer> keyListeners = new CopyOnWriteArrayList<>();
    private volatile TrustList current;

    public TrustStore(SignatureVerifier root) {
        this.root = root;
    }

    /** The current list, or {@code null} if none was accepted yet. */
    public TrustList current() {
        return current;
    }

    /** Calls {@code listener} with the id of every key a newly accepted list changes or drops. */
    public void onKeyChanged(LongConsumer listener) {
        keyListeners.add(listener);
    }

    /** Stores an accepted list durably before it is put in force (the server writes its file). */
    @FunctionalInterface
    public interface Persist {
        void store(byte[] signed) throws Exception;
    }

    /**
     * Offers a signed list.
     *
     * @return the accepted list
     * @throws TrustListException why it was refused; the current list is kept
     */
    public TrustList offer(byte[] signed) throws TrustListException {
        try {
            return offer(signed, s -> { });
        } catch (TrustListException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // the no-op store cannot fail
        }
    }

    /**
     * Offers a signed list and, once it is accepted, has {@code persist} store it; only after
     * that returns is the list put in force. If {@code persist} throws anything, the current list
     * stays in force and the failure reaches the caller.
     *
     * @return the accepted list
     * @throws TrustListException why it was refused; the current list is kept
     * @throws Exception          what {@code persist} threw; the current list is kept
     */
    public synchronized TrustList offer(byte[] signed, Persist persist) throws Exception {
        TrustList next = TrustList.verify(signed, root);
        TrustList prev = current;
        if (prev != null && next.version() <= prev.version()) {
            throw new TrustListException("trust list version " + next.version() + " is not newer than the current "
                    + prev.version());
        }
        List<Long> changed = new ArrayList<>();
        if (prev != null) {
            for (LabKey old : prev.keys()) {
                if (!old.sameAs(next.key(old.kidAsLong()))) {
                    changed.add(old.kidAsLong());
                }
            }
        }
        persist.store(signed);
        current = next;
        for (long kid : changed) {
            for (LongConsumer l : keyListeners) {
                l.accept(kid);
            }
        }
        return next;
    }
}
