package gcc.cluster;

import gcc.cluster.harness.LocalBroker;
import gcc.registry.RegistryEvent;
import gcc.registry.ReportRecord;
import gcc.registry.ReportRegistry.Lookup;
import gcc.registry.ReportStatus;
import gcc.report.ReportDocument;
import gcc.testkit.TestWorld;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static gcc.cluster.SharedBroker.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared registry over a real KRaft broker: several ports' indexes materialized from one topic. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterRegistryTest {
    private static LocalBroker broker;
    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = SharedBroker.shared();
    }

    private ClusterRegistry port(String prefix, String name) throws Exception {
        ClusterRegistry r = ClusterRegistry.open(tmp.resolve(name), 10_000,
                SharedBroker.settings(broker, prefix, name, 5_000), Clock.systemUTC());
        assertTrue(eventually(60_000, r::ready), () -> name + " never became ready: " + r.link());
        return r;
    }

    private static Lookup lookup(ClusterRegistry r, String id, ReportRecord into) {
        byte[] b = id.getBytes(StandardCharsets.US_ASCII);
        return r.lookup(b, b.length, into);
    }

    private static String register(ClusterRegistry r, String id) {
        ReportDocument doc = TestWorld.report(id);
        return r.submit(RegistryEvent.register(doc, "lab:" + doc.labId()));
    }

    @Test
    void shouldShowARegistrationAtOnePortAtAnother() throws Exception {
        try (ClusterRegistry ningbo = port("t1.", "ningbo"); ClusterRegistry taicang = port("t1.", "taicang")) {
            assertNull(register(ningbo, "NB-1"));
            ReportRecord rec = new ReportRecord();
            assertEquals(Lookup.FOUND, lookup(ningbo, "NB-1", rec), "the writer's own port has it when submit returns");
            assertTrue(ningbo.get("NB-1", rec)); // the whole record: the gate's lookup reads only what the rules need
            assertTrue(eventually(5_000, () -> lookup(taicang, "NB-1", new ReportRecord()) == Lookup.FOUND));
            ReportRecord there = new ReportRecord();
            taicang.get("NB-1", there);
            assertTrue(there.sameAs(rec), there + " vs " + rec);
            assertTrue(register(taicang, "NB-1").contains("already registered"), "validated against the shared state");
        }
    }

    @Test
    void shouldPropagateARevocationAndARevision() throws Exception {
        try (ClusterRegistry a = port("t2.", "shanghai"); ClusterRegistry b = port("t2.", "ningbo")) {
            assertNull(register(a, "SH-1"));
            assertNull(register(a, "SH-2"));
            assertTrue(eventually(5_000, () -> lookup(b, "SH-2", new ReportRecord()) == Lookup.FOUND));
            assertNull(b.submit(RegistryEvent.status(RegistryEvent.Type.REVOKE, "SH-1", "recall", "samr")));
            ReportRecord rec = new ReportRecord();
            lookup(b, "SH-1", rec);
            assertEquals(ReportStatus.REVOKED, rec.status(), "revoked at the writing port when acknowledged");
            assertTrue(eventually(5_000, () -> {
                ReportRecord r = new ReportRecord();
                return lookup(a, "SH-1", r) == Lookup.FOUND && r.status() == ReportStatus.REVOKED;
            }), "revocation reached the other port");
            ReportDocument v2 = revisionOf("SH-2", "SH-2R");
            assertNull(a.submit(RegistryEvent.register(v2, "lab:" + v2.labId())));
            assertTrue(eventually(5_000, () -> {
                ReportRecord old = new ReportRecord();
                ReportRecord neu = new ReportRecord();
                return lookup(b, "SH-2", old) == Lookup.FOUND && old.status() == ReportStatus.SUPERSEDED
                        && "SH-2R".equals(old.supersededBy()) && lookup(b, "SH-2R", neu) == Lookup.FOUND;
            }));
            assertTrue(a.submit(RegistryEvent.status(RegistryEvent.Type.REINSTATE, "SH-1", "", "x")).contains("REVOKED"));
        }
    }

    private static ReportDocument revisionOf(String old, String id) {
        ReportDocument d = TestWorld.report(id);
        return new ReportDocument(id, d.labId(), d.standard(), d.product(), d.exporter(), d.issueDate(), d.items(), old);
    }

    @Test
    void shouldResumeFromTheStoredOffsetAfterARestart() throws Exception {
        try (ClusterRegistry writer = port("t3.", "ningbo")) {
            List<RegistryEvent> first = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                first.add(RegistryEvent.register(TestWorld.report("RS-" + i), "lab"));
            }
            assertTrue(writer.submitAll(first, 50, () -> { }).isEmpty());
            ClusterRegistry reader = port("t3.", "taicang");
            assertTrue(eventually(5_000, () -> reader.lastSequence() == writer.lastSequence()));
            reader.close();
            List<RegistryEvent> more = new ArrayList<>();
            for (int i = 200; i < 250; i++) {
                more.add(RegistryEvent.register(TestWorld.report("RS-" + i), "lab"));
            }
            more.add(RegistryEvent.status(RegistryEvent.Type.REVOKE, "RS-3", "recall", "samr"));
            assertTrue(writer.submitAll(more, 50, () -> { }).isEmpty());
            try (ClusterRegistry again = port("t3.", "taicang")) {
                gcc.registry.RegistryLink s = again.link();
                assertEquals(ClusterRegistry.OpenedAs.CLEAN, again.openedAs());
                assertEquals(51, s.catchUpMessages(), "resumed from the stored offset, not from the start: " + s);
                ReportRecord r = new ReportRecord();
                assertEquals(Lookup.FOUND, lookup(again, "RS-249", r));
                lookup(again, "RS-3", r);
                assertEquals(ReportStatus.REVOKED, r.status());
                assertEquals(250, again.entries());
            }
        }
    }

    @Test
    void shouldBootstrapANewPortFromTheTopic() throws Exception {
        try (ClusterRegistry writer = port("t4.", "ningbo")) {
            List<RegistryEvent> events = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                events.add(RegistryEvent.register(TestWorld.report("BS-" + i), "lab"));
                if (i % 7 == 0) {
                    events.add(RegistryEvent.status(RegistryEvent.Type.SUSPEND, "BS-" + i, "check", "samr"));
                }
                if (i % 11 == 0) {
                    events.add(RegistryEvent.status(RegistryEvent.Type.REVOKE, "BS-" + i, "recall", "samr"));
                }
            }
            assertTrue(writer.submitAll(events, 500, () -> { }).isEmpty());
            try (ClusterRegistry fresh = port("t4.", "taicang")) {
                assertEquals(ClusterRegistry.OpenedAs.CREATED, fresh.openedAs());
                assertEquals(writer.entries(), fresh.entries());
                ReportRecord want = new ReportRecord();
                ReportRecord have = new ReportRecord();
                for (int i = 0; i < 2_000; i++) {
                    String id = "BS-" + i;
                    assertEquals(Lookup.FOUND, lookup(writer, id, want));
                    assertEquals(Lookup.FOUND, lookup(fresh, id, have));
                    assertTrue(have.sameAs(want), have + " vs " + want);
                }
                assertEquals(ReportStatus.REVOKED, want.status() == null ? null : statusOf(fresh, "BS-11"));
                assertEquals(ReportStatus.SUSPENDED, statusOf(fresh, "BS-7"));
            }
        }
    }

    @Test
    void shouldRefuseTheRestOfABatchOnceTheIndexIsRebuiltUnderIt() throws Exception {
        ClusterSettings settings = SharedBroker.settings(broker, "t5.", "ningbo", 5_000);
        try (ClusterRegistry port = port("t5.", "ningbo"); Admin admin = Admin.create(settings.admin("test"))) {
            assertNull(register(port, "RB-0"));
            // Chunks of one, so RB-1 is written and applied before the iterator is asked for RB-2;
            // then the topic is re-created: this port's index is past its end and is rebuilt.
            Iterable<RegistryEvent> batch = () -> new Iterator<>() {
                private int next = 1;

                @Override
                public boolean hasNext() {
                    return next <= 2;
                }

                @Override
                public RegistryEvent next() {
                    if (next == 2) {
                        recreateRegistryTopic(admin, settings);
                        awaitRebuilt(port);
                    }
                    return RegistryEvent.register(TestWorld.report("RB-" + next++), "lab");
                }
            };
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> port.submitAll(batch, 1, () -> { }));
            assertTrue(e.getMessage().startsWith(PinnedIndex.REBUILDING), "refused, not validated against the fresh index: " + e);
            assertTrue(e.getMessage().contains("the 1 changes before RB-2 were written"), e.getMessage());
            assertTrue(eventually(60_000, port::ready), () -> "never ready again: " + port.link());
            assertEquals(Lookup.NOT_FOUND, lookup(port, "RB-1", new ReportRecord()), "rebuilt from the re-created, empty topic");
        }
    }

    @Test
    void shouldLeaveAWholeIndexWhenClosedWithoutWaitingForItsFollower() throws Exception {
        try (ClusterRegistry writer = port("t6.", "ningbo")) {
            ClusterRegistry reader = port("t6.", "taicang");
            List<RegistryEvent> events = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                events.add(RegistryEvent.register(TestWorld.report("CW-" + i), "lab"));
            }
            AtomicReference<List<String>> refused = new AtomicReference<>();
            Thread w = new Thread(() -> refused.set(writer.submitAll(events, 100, () -> { })));
            w.start();
            assertTrue(eventually(30_000, () -> reader.entries() > 0), "the reader follows the batch");
            // close() takes the index while the follower is still applying batches (it waits 1 ms
            // for it, not 5 s): the follower must not write into it or re-file it afterwards.
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals(ClusterRegistry.FOLLOWER_THREAD_PREFIX + "taicang")), "the follower runs, named for its port");
            reader.close(Duration.ofMillis(1));
            assertEquals(0, reader.entries(), "closed");
            assertFalse(reader.ready());
            w.join(60_000);
            assertEquals(List.of(), refused.get());
            assertTrue(eventually(10_000, () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals(ClusterRegistry.FOLLOWER_THREAD_PREFIX + "taicang"))),
                    "the follower stops by itself");
            try (ClusterRegistry again = port("t6.", "taicang")) {
                assertEquals(ClusterRegistry.OpenedAs.CLEAN, again.openedAs(), "the taken index was whole where it stopped");
                assertTrue(eventually(10_000, () -> again.entries() == writer.entries()));
                ReportRecord want = new ReportRecord();
                ReportRecord have = new ReportRecord();
                for (int i = 0; i < 3_000; i += 7) {
                    assertEquals(Lookup.FOUND, lookup(writer, "CW-" + i, want));
                    assertEquals(Lookup.FOUND, lookup(again, "CW-" + i, have), "CW-" + i);
                    assertTrue(have.sameAs(want), have + " vs " + want);
                }
            }
        }
    }

    private static void recreateRegistryTopic(Admin admin, ClusterSettings settings) {
        try {
            Uuid oldId = ClusterTopics.ensure(admin, settings);
            admin.deleteTopics(List.of(settings.registryTopic())).all().get(10, TimeUnit.SECONDS);
            assertTrue(eventually(30_000, () -> {
                try {
                    return !admin.listTopics().names().get(5, TimeUnit.SECONDS).contains(settings.registryTopic());
                } catch (Exception e) {
                    return false;
                }
            }), "the registry topic was not deleted");
            // A create that races the tail of the delete is taken for "already there": ask until
            // the topic stands again under a new id.
            Uuid before = oldId;
            assertTrue(eventually(30_000, () -> {
                try {
                    return !ClusterTopics.ensure(admin, settings).equals(before);
                } catch (Exception e) {
                    return false;
                }
            }), "the registry topic was not created again");
        } catch (Exception e) {
            throw new AssertionError("could not re-create the registry topic", e);
        }
    }

    private static void awaitRebuilt(ClusterRegistry port) {
        try {
            assertTrue(eventually(60_000, () -> port.openedAs() == ClusterRegistry.OpenedAs.REBUILT),
                    () -> "the port did not rebuild its index: " + port.link());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static ReportStatus statusOf(ClusterRegistry r, String id) {
        ReportRecord rec = new ReportRecord();
        return lookup(r, id, rec) == Lookup.FOUND ? rec.status() : null;
    }
}
