package gcc.policy;

import gcc.policy.Policy;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The policy in force, swapped whole on reload so a decision never sees half of an old policy
 * and half of a new one. Thread-safe.
 */
public final class PolicyHolder implements Supplier<Policy> {
    /** Loads a policy from wherever it is configured (the built-in default or a file). */
    @FunctionalInterface
    public interface Source {
        Policy load() throws Exception;
    }

    private final Source source;
    private final AtomicReference<Policy> current = new AtomicReference<>();
    private final java.util.List<java.util.function.Consumer<Policy>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public PolicyHolder(Source source) throws Exception {
        this.source = Objects.requireNonNull(source);
        current.set(Objects.requireNonNull(source.load(), "policy"));
    }

    @Override
    public Policy get() {
        return current.get();
    }

    /**
     * Loads the source again and only then puts the new policy in force; on any failure
     * (including an {@link Error}) keeps the current policy and throws.
     */
    public synchronized Policy reload() throws Exception {
        Policy p;
        try {
            p = Objects.requireNonNull(source.load(), "policy");
        } catch (Exception e) {
            throw e;
        } catch (Throwable t) {
            throw new Exception("policy could not be loaded: " + t, t);
        }
        current.set(p);
        for (java.util.function.Consumer<Policy> l : listeners) {
            l.accept(p);
        }
        return p;
    }

    /**
     * Calls {@code listener} with the policy in force now and after every reload that put a new
     * one in force (on the reloading thread), for parts outside the decision path that follow it.
     */
    public synchronized void onChange(java.util.function.Consumer<Policy> listener) {
        listeners.add(listener);
        listener.accept(current.get());
    }
}
