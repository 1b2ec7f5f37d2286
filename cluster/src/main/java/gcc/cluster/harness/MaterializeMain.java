package gcc.cluster.harness;

import gcc.cluster.ClusterRegistry;
import gcc.cluster.ClusterSettings;
import gcc.cluster.RegistryApplier;
import gcc.cluster.RegistryMessage;
import gcc.registry.RecordStore;
import gcc.registry.RegistryEvent;
import gcc.registry.RegistryIndex;
import gcc.registry.RegistryLink;
import gcc.registry.RegistryTransitions;
import gcc.registry.ReportRecord;
import gcc.registry.SyntheticReports;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/cluster materialize}: how fast a port's materializer applies registry-topic
 * messages to a real Chronicle Map index, without the broker and the network in the way. It
 * encodes the messages a writer would send for a generated registry (registrations with their
 * documents, and the revocations and suspensions among them), in chunks so the heap stays small,
 * hands each chunk to {@link RegistryApplier} in consumer-sized batches of Kafka
 * {@link ConsumerRecord}s, stores the applied offset once per batch as the materializer does, and
 * times only the applying. Prints messages per second.
 */
public final class MaterializeMain {
    private static final int CHUNK = 50_000;

    private long reports = 1_000_000;
    private int batch = 5_000;
    private boolean broker;

    public static void main(String[] args) throws Exception {
        MaterializeMain m = new MaterializeMain();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: scripts/cluster materialize [--reports N] [--batch N] [--broker]

                            Applies the registry-topic messages of N generated reports (default 1000000; about 1.5%
                            more messages for their revocations and suspensions) to a new Chronicle Map index in a
                            temporary directory, in batches of N consumer records (default 5000, the consumer's
                            max.poll.records), as a port's materializer does, and prints the messages applied per
                            second. Encoding the messages is not timed; the broker and the network are not involved.

                              --broker   instead, start a KRaft broker (child JVM), write the messages to its registry
                                         topic as a writer does, then open a new port's shared registry on it and
                                         time its catch-up from the start of the topic: fetching, decompressing and
                                         applying, as a joining port does.""");
                    return;
                }
                case "--reports" -> m.reports = Long.parseLong(args[++i]);
                case "--batch" -> m.batch = Integer.parseInt(args[++i]);
                case "--broker" -> m.broker = true;
                default -> {
                    System.err.println("unknown option " + args[i] + " (see --help)");
                    System.exit(2);
                }
            }
        }
        if (m.reports < 1 || m.batch < 1) {
            System.err.println("--reports and --batch must be positive");
            System.exit(2);
        }
        if (m.broker) {
            m.runWithBroker();
        } else {
            m.run();
        }
    }

    private void runWithBroker() throws Exception {
        Path dir = Files.createTempDirectory("gcc-materialize-");
        try (LocalBroker b = LocalBroker.start(dir.resolve("broker"))) {
            ClusterSettings s = new ClusterSettings(b.bootstrap(), "m.", "materialize", Duration.ofSeconds(5));
            try (ClusterRegistry writerSide = ClusterRegistry.open(dir.resolve("topic-creator"), 1_000, s, Clock.systemUTC())) {
                if (!await(writerSide, 60_000)) {
                    throw new IllegalStateException("the broker's topics were not ready within 60 s");
                }
            }
            long t0 = System.nanoTime();
            long messages = 0;
            Writer writer = new Writer();
            Iterator<RegistryEvent> events = new SyntheticReports(reports, 42, LocalDate.of(2026, 11, 30)).iterator();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(s.producer("materialize-writer"))) {
                while (events.hasNext()) {
                    for (ConsumerRecord<String, byte[]> r : writer.messages(events, messages, CHUNK)) {
                        producer.send(new ProducerRecord<>(s.registryTopic(), 0, r.key(), r.value()));
                        messages++;
                    }
                }
                producer.flush();
            }
            System.out.printf("materialize: wrote %,d messages to %s in %.1f s%n", messages, s.registryTopic(),
                    (System.nanoTime() - t0) / 1e9);
            long r0 = System.nanoTime();
            try (ClusterRegistry port = ClusterRegistry.open(dir.resolve("port"), reports + reports / 10, s, Clock.systemUTC())) {
                if (!await(port, 600_000)) {
                    throw new IllegalStateException("the port did not catch up within 10 minutes: " + port.link());
                }
                RegistryLink link = port.link();
                double catchUp = link.catchUpMillis() / 1000.0;
                System.out.printf("materialize: new port ready in %.2f s; caught up %,d messages (%,d reports) in %.2f s: "
                                + "%,d messages/s, %,d reports/s%n", (System.nanoTime() - r0) / 1e9, link.catchUpMessages(),
                        port.entries(), catchUp, Math.round(link.catchUpMessages() / catchUp),
                        Math.round(port.entries() / catchUp));
                if (port.entries() != reports) {
                    throw new IllegalStateException("index holds " + port.entries() + " reports, expected " + reports);
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static boolean await(ClusterRegistry r, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!r.ready()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void run() throws IOException {
        Path dir = Files.createTempDirectory("gcc-materialize-");
        long o0 = System.nanoTime();
        try (RegistryIndex index = RegistryIndex.open(dir.resolve("index.cm3").toFile(), reports + reports / 10)) {
            System.out.printf("materialize: index opened in %.2f s%n", (System.nanoTime() - o0) / 1e9);
            Writer writer = new Writer();
            RegistryApplier applier = new RegistryApplier((id, change) -> { });
            Iterator<RegistryEvent> events = new SyntheticReports(reports, 42, LocalDate.of(2026, 11, 30)).iterator();
            long offset = 0;
            long messages = 0;
            long nanos = 0;
            while (events.hasNext()) {
                List<ConsumerRecord<String, byte[]>> chunk = writer.messages(events, offset, CHUNK);
                offset += chunk.size();
                long t0 = System.nanoTime();
                for (int from = 0; from < chunk.size(); from += batch) {
                    long last = applier.apply(index, chunk.subList(from, Math.min(chunk.size(), from + batch)));
                    index.applied(last + 1);
                }
                nanos += System.nanoTime() - t0;
                messages += chunk.size();
            }
            if (applier.undecodable() > 0) {
                throw new IllegalStateException(applier.undecodable() + " messages could not be applied: " + applier.lastError());
            }
            if (index.entries() != reports) {
                throw new IllegalStateException("index holds " + index.entries() + " reports, expected " + reports);
            }
            System.out.printf("materialize: %,d messages (%,d reports) applied in %.2f s: %,d messages/s%n", messages,
                    index.entries(), nanos / 1e9, Math.round(messages / (nanos / 1e9)));
        } finally {
            deleteTree(dir);
        }
    }

    /** Encodes events as a writer does: the state machine over the records written so far. */
    private static final class Writer implements RecordStore {
        /** A generated report's later events follow its registration at once: the last few records suffice. */
        private final Map<String, ReportRecord> records = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ReportRecord> eldest) {
                return size() > 1_000;
            }
        };
        private final Map<String, byte[]> documents = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > 1_000;
            }
        };
        private final List<ReportRecord> touched = new ArrayList<>(2);
        private final ReportRecord scratch = new ReportRecord();
        private long position;

        List<ConsumerRecord<String, byte[]>> messages(Iterator<RegistryEvent> events, long offset, int max) {
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>(max + 2);
            while (events.hasNext() && out.size() < max) {
                RegistryEvent e = events.next();
                touched.clear();
                if (RegistryTransitions.refusal(e, this) != null) {
                    throw new IllegalStateException("generated event refused: " + RegistryTransitions.refusal(e, this));
                }
                RegistryTransitions.apply(e.at(++position, 0), this, scratch);
                for (ReportRecord r : touched) {
                    out.add(new ConsumerRecord<>("registry", 0, offset + out.size(), r.reportId(),
                            RegistryMessage.encode(e, 1_764_460_800_000L, r,
                            document(e, r.reportId()))));
                }
            }
            return out;
        }

        /** As a writer sends it: every message carries its report's document (a registration's own). */
        private byte[] document(RegistryEvent e, String reportId) {
            if (e.document() != null && reportId.equals(e.reportId())) {
                documents.put(reportId, e.document().canonicalBytes());
            }
            return documents.get(reportId);
        }

        @Override
        public boolean get(String reportId, ReportRecord into) {
            ReportRecord r = records.get(reportId);
            if (r == null) {
                return false;
            }
            into.copyFrom(r);
            return true;
        }

        @Override
        public void put(ReportRecord record) {
            ReportRecord copy = new ReportRecord().copyFrom(record);
            records.put(copy.reportId(), copy);
            touched.add(copy);
        }
    }
}
