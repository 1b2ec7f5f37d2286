package gcc.registry;

import gcc.testkit.TestWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lookups racing index swaps on real Chronicle Map files: they never fail, never read a closed
 * map and always see a whole record of one index; and the same race against a guard that closes
 * the old index at once is caught, so the first test can fail.
 */
class GuardedIndexTest {
    private static final int REPORTS = 500;
    private static final int READERS = 3;
    private static final int DAY_A = 20_000;
    private static final int DAY_B = 20_500;

    @TempDir
    Path dir;

    private static byte[] id(int i) {
        return ("R-" + i).getBytes(StandardCharsets.US_ASCII);
    }

    /** Digest of report {@code i} in the index of issue day {@code day}: each index's records differ from the other's. */
    private static byte digestByte(int i, int day, int k) {
        return (byte) (i * 31 + day + k);
    }

    /** An index file of every report, each with the issue day {@code day} and a digest derived from it. */
    private Path build(String name, int day) throws Exception {
        Path file = dir.resolve(name);
        ReportRecord r = new ReportRecord();
        try (RegistryIndex idx = RegistryIndex.open(file.toFile(), REPORTS * 2L)) {
            for (int i = 0; i < REPORTS; i++) {
                r.fill(TestWorld.report("R-" + i), new byte[16], i + 1);
                r.issueDay(day);
                for (int k = 0; k < 16; k++) {
                    r.digestBytes()[k] = digestByte(i, day, k);
                }
                idx.put(r);
            }
        }
        return file;
    }

    /** Null when {@code r} is report {@code i} whole as one index holds it; else what is wrong. */
    private static String inconsistency(int i, ReportRecord r) {
        int day = r.issueDay();
        if (day != DAY_A && day != DAY_B) {
            return "report " + i + ": issue day " + day + " from neither index";
        }
        for (int k = 0; k < 16; k++) {
            if (r.digestBytes()[k] != digestByte(i, day, k)) {
                return "report " + i + ": digest of another record or index than its issue day " + day;
            }
        }
        if (r.labIdLength() == 0 || r.exporterCount() < 1 || r.productCount() < 1) {
            return "report " + i + ": lab, exporter or product missing";
        }
        return null;
    }

    /** Races READERS lookup threads against {@code swaps} replacements; returns the failed lookups seen. */
    private long race(GuardedIndex guard, Path a, Path b, int swaps, AtomicReference<String> wrong) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong failed = new AtomicLong();
        AtomicLong found = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < READERS; t++) {
            Thread th = new Thread(() -> {
                ReportRecord into = new ReportRecord();
                byte[][] ids = new byte[REPORTS][];
                for (int i = 0; i < REPORTS; i++) {
                    ids[i] = id(i);
                }
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (!stop.get()) {
                    int i = rnd.nextInt(REPORTS);
                    ReportRegistry.Lookup l = guard.lookup(ids[i], ids[i].length, into);
                    if (l != ReportRegistry.Lookup.FOUND) {
                        failed.incrementAndGet(); // every index holds every report: anything else is a read that failed
                        continue;
                    }
                    found.incrementAndGet();
                    String why = inconsistency(i, into);
                    if (why != null) {
                        wrong.compareAndSet(null, why);
                    }
                }
            }, "reader-" + t);
            th.start();
            readers.add(th);
        }
        try {
            for (int s = 0; s < swaps; s++) {
                guard.replace(RegistryIndex.open((s % 2 == 0 ? b : a).toFile(), REPORTS * 2L));
                Thread.sleep(0, 200_000);
            }
        } finally {
            stop.set(true);
            for (Thread th : readers) {
                th.join();
            }
        }
        assertTrue(found.get() > 0, "the readers found nothing: they did not race the swaps");
        return failed.get();
    }

    @Test
    void shouldNeverFailALookupNorReadAClosedMapWhileIndexesAreSwapped() throws Exception {
        Path a = build("a.cm3", DAY_A);
        Path b = build("b.cm3", DAY_B);
        GuardedIndex guard = new GuardedIndex(RegistryIndex.open(a.toFile(), REPORTS * 2L));
        AtomicReference<String> wrong = new AtomicReference<>();
        try {
            assertEquals(0, race(guard, a, b, 300, wrong), "lookups failed while the index was swapped");
            assertNull(wrong.get());
        } finally {
            guard.replace(null);
        }
        assertNull(guard.current());
        byte[] one = id(1);
        assertEquals(ReportRegistry.Lookup.UNAVAILABLE, guard.lookup(one, one.length, new ReportRecord()));
    }

    @Test
    void shouldCatchLookupsInAClosedMapWhenTheOldIndexIsClosedAtOnce() throws Exception {
        Path a = build("a.cm3", DAY_A);
        Path b = build("b.cm3", DAY_B);
        GuardedIndex broken = GuardedIndex.closingAtOnce(RegistryIndex.open(a.toFile(), REPORTS * 2L));
        AtomicReference<String> wrong = new AtomicReference<>();
        long failed = 0;
        try {
            // A use-after-close needs a reader inside the map at the swap: on a busy machine that
            // may take a few rounds, never many.
            for (int round = 0; round < 20 && failed == 0; round++) {
                failed = race(broken, a, b, 300, wrong);
            }
        } finally {
            broken.replace(null);
        }
        assertTrue(failed > 0, "closing the old index at once went unnoticed: the race test could not fail");
    }

    @Test
    void shouldAnswerFoundOrUnavailableWhileTheRegistryRebuildsAndFoundAfter() throws Exception {
        Clock clock = Clock.fixed(TestWorld.NOW, ZoneOffset.UTC);
        try (PersistentRegistry r = PersistentRegistry.open(dir.resolve("registry"), 10_000, clock)) {
            for (int i = 0; i < REPORTS; i++) {
                assertNull(r.submit(RegistryEvent.register(TestWorld.report("R-" + i), "lab")));
            }
            ReportRecord[] want = new ReportRecord[REPORTS];
            for (int i = 0; i < REPORTS; i++) {
                want[i] = new ReportRecord();
                assertTrue(r.get("R-" + i, want[i]));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<String> wrong = new AtomicReference<>();
            AtomicLong found = new AtomicLong();
            AtomicLong unavailable = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < READERS; t++) {
                Thread th = new Thread(() -> {
                    ReportRecord into = new ReportRecord();
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        int i = rnd.nextInt(REPORTS);
                        byte[] id = id(i);
                        try {
                            switch (r.lookup(id, id.length, into)) {
                                case FOUND -> {
                                    found.incrementAndGet();
                                    ReportRecord w = want[i];
                                    if (!into.digestEquals(w.digestBytes(), 0, 16) || into.issueDay() != w.issueDay()
                                            || !into.labId().equals(w.labId()) || into.status() != w.status()) {
                                        wrong.compareAndSet(null, "report " + i + " read as " + into);
                                    }
                                }
                                case UNAVAILABLE -> {
                                    unavailable.incrementAndGet();
                                    Thread.yield(); // leave the rebuild its core: it is what ends the wait
                                }
                                case NOT_FOUND, STALE -> wrong.compareAndSet(null, "report " + i + " not found");
                            }
                        } catch (RuntimeException | Error e) {
                            wrong.compareAndSet(null, "lookup threw " + e);
                        }
                    }
                }, "reader-" + t);
                th.start();
                readers.add(th);
            }
            try {
                for (int k = 0; k < 3; k++) {
                    assertEquals(REPORTS, r.rebuild());
                }
                // A rebuild can be quicker than a reader's first turn on a busy machine (it failed once
                // so, with found 0): the readers must also find reports once the rebuilds are over.
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (found.get() == 0 && wrong.get() == null && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            } finally {
                stop.set(true);
                for (Thread th : readers) {
                    th.join();
                }
            }
            assertNull(wrong.get());
            assertTrue(found.get() > 0);
            byte[] one = id(1);
            assertEquals(ReportRegistry.Lookup.FOUND, r.lookup(one, one.length, new ReportRecord()));
            assertEquals(REPORTS, r.entries());
        }
    }
}
