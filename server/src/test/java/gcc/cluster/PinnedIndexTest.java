package gcc.cluster;

import gcc.registry.GuardedIndex;
import gcc.registry.RegistryEvent;
import gcc.registry.RegistryIndex;
import gcc.registry.ReportRecord;
import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shared-registry write validated the way {@link ClusterRegistry#submit} validates it (an
 * {@link Overlay} over a {@link PinnedIndex} of the registry's {@link GuardedIndex}) while the
 * materializer rebuilds the index, on real Chronicle Map files: no index, or the empty index a
 * rebuild starts from, gives the clear refusal, never a NullPointerException, a read of the
 * closed map, or a registration accepted because the fresh index does not hold the report yet.
 */
class PinnedIndexTest {
    private static final int REPORTS = 200;

    @TempDir
    Path dir;

    /** A real index file holding reports R-0 .. R-(count-1). */
    private RegistryIndex index(String name, int count) throws Exception {
        RegistryIndex idx = RegistryIndex.open(dir.resolve(name).toFile(), REPORTS * 2L);
        ReportRecord r = new ReportRecord();
        for (int i = 0; i < count; i++) {
            idx.put(r.fill(TestWorld.report("R-" + i), new byte[16], i + 1));
        }
        return idx;
    }

    private static RegistryEvent register(String id) {
        return RegistryEvent.register(TestWorld.report(id), "lab");
    }

    /** The write side's view as submit builds it. */
    private static Overlay overlayOf(GuardedIndex guard) {
        return new Overlay(new PinnedIndex(guard));
    }

    @Test
    void shouldRefuseAChangeWhileThereIsNoIndex() {
        GuardedIndex guard = new GuardedIndex(null); // between a rebuild's two replacements
        Overlay overlay = overlayOf(guard);
        PinnedIndex.Replaced e = assertThrows(PinnedIndex.Replaced.class, () -> overlay.refusal(register("R-1")));
        assertEquals(PinnedIndex.REBUILDING, e.getMessage());
        assertThrows(PinnedIndex.Replaced.class,
                () -> overlay.refusal(RegistryEvent.status(RegistryEvent.Type.REVOKE, "R-1", "recall", "samr")));
    }

    @Test
    void shouldValidateAgainstThePinnedIndexWhileItIsInForce() throws Exception {
        GuardedIndex guard = new GuardedIndex(index("a.cm3", 3));
        try {
            PinnedIndex pin = new PinnedIndex(guard);
            Overlay overlay = new Overlay(pin);
            assertTrue(overlay.refusal(register("R-1")).contains("already registered"));
            assertNull(overlay.refusal(register("NEW-1")));
            assertEquals(1, overlay.apply(register("NEW-1")).size());
            assertNull(overlay.refusal(RegistryEvent.status(RegistryEvent.Type.REVOKE, "R-2", "recall", "samr")));
            pin.check();
        } finally {
            guard.replace(null);
        }
    }

    @Test
    void shouldRefuseRatherThanValidateAgainstTheEmptyIndexARebuildStartsWith() throws Exception {
        RegistryIndex old = index("a.cm3", 3);
        GuardedIndex guard = new GuardedIndex(old);
        try {
            PinnedIndex pin = new PinnedIndex(guard);
            Overlay overlay = new Overlay(pin);
            guard.replace(index("fresh.cm3", 0)); // the materializer's reset: the old index is closed now
            // The fresh index does not hold R-1 yet: validated against it, a second registration would pass.
            assertThrows(PinnedIndex.Replaced.class, () -> overlay.refusal(register("R-1")));
            assertThrows(PinnedIndex.Replaced.class,
                    () -> overlay.refusal(RegistryEvent.status(RegistryEvent.Type.REVOKE, "R-1", "recall", "samr")));
            assertThrows(PinnedIndex.Replaced.class, pin::check);
        } finally {
            guard.replace(null);
        }
    }

    @Test
    void shouldAnswerOnlyTheTruthOrTheRefusalWhileTheIndexIsSwapped() throws Exception {
        RegistryIndex first = index("a.cm3", REPORTS);
        GuardedIndex guard = new GuardedIndex(first);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> wrong = new AtomicReference<>();
        AtomicLong validated = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread th = new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    RegistryEvent again = register("R-" + (i++ % REPORTS));
                    try {
                        String why = overlayOf(guard).refusal(again);
                        if (why == null || !why.contains("already registered")) {
                            wrong.compareAndSet(null, new AssertionError("every index holds " + again.reportId() + ": " + why));
                        }
                        validated.incrementAndGet();
                    } catch (PinnedIndex.Replaced e) {
                        refused.incrementAndGet();
                    } catch (Throwable e) {
                        wrong.compareAndSet(null, e); // a closed map read, or anything else than the refusal
                    }
                }
            }, "writer-" + t);
            th.start();
            writers.add(th);
        }
        try {
            for (int s = 0; s < 100; s++) {
                // Every index holds every report, as a rebuild's index does once caught up.
                guard.replace(index(s % 2 == 0 ? "b.cm3" : "a.cm3", REPORTS));
                Thread.sleep(0, 200_000);
            }
        } finally {
            stop.set(true);
            for (Thread th : writers) {
                th.join();
            }
            guard.replace(null);
        }
        assertNull(wrong.get(), () -> "validation during swaps went wrong: " + wrong.get());
        assertTrue(validated.get() > 0, "the writers validated nothing: they did not race the swaps");
    }
}
