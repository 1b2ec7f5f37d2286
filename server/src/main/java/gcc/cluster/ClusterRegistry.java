package gcc.cluster;

import gcc.cbor.CborException;
import gcc.registry.GuardedIndex;
import gcc.registry.IndexFileCheck;
import gcc.registry.RegistryEvent;
import gcc.registry.RegistryIndex;
import gcc.registry.ReportRecord;
import gcc.registry.RegistryLink;
import gcc.registry.RegistryService;
import gcc.registry.StatusChange;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.WakeupException;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The registry in Kafka mode: the compacted registry topic is the journal, and this port's
 * Chronicle Map index (the same {@link RegistryIndex} single-port mode uses) is materialized from
 * it by one background thread. Lookups, rules and the audit contract are unchanged; only the
 * event source differs.
 *
 * <p><b>Materializing.</b> The thread applies each message's record at sequence offset + 1 (a
 * record already at or past it is left alone, so replays are harmless) and, after each batch,
 * stores the next offset in the index itself, so a restart resumes there. The index is rebuilt
 * from the start of the topic when it is missing, was not closed cleanly across a reboot, fails
 * its header check, belongs to another topic (its id differs), or lies outside the topic's
 * offsets (behind retention, or ahead of a re-created topic). Until caught up once, lookups
 * answer {@code UNAVAILABLE}.
 *
 * <p><b>Staleness.</b> Every {@value #PROBE_MILLIS} ms the thread asks the broker for the end of
 * the topic. When the index has applied everything up to an end offset learnt by a request sent
 * at time T, the index is known current as of T. Lookups answer {@code STALE} (HOLD
 * {@code REGISTRY_STALE}) once that is older than the staleness bound, so a revocation
 * acknowledged at time A is never missing from a RELEASE decided after A plus the bound. When
 * the broker returns the thread catches up and the answers are trusted again by themselves.
 *
 * <p><b>Writing.</b> {@link #submit} first waits until the index has applied everything the
 * topic held when asked, validates against it, sends the resulting records with {@code acks=all}
 * and idempotence, then returns only when Kafka acknowledged <em>and</em> this index applied
 * them, so a caller who revokes and then verifies at the same port never sees the old state. It
 * reads the index only through the guard and only while it is the one it began with
 * ({@link PinnedIndex}): a change that meets a rebuild is refused, never validated against the
 * empty index a rebuild starts from. A revision is two messages, the superseded report's first
 * (if the writer dies in between, that report holds and the same revision may be submitted
 * again). Two ports changing the same report within the same moment are ordered by the topic:
 * the later message wins at every port.
 *
 * <p>Thread-safe. Lookups are allocation-free and lock-free (a clock read, then the index through
 * its {@link GuardedIndex}, which never closes it under a reader).
 */
public final class ClusterRegistry implements RegistryService {
    /** How the index came up at open. */
    public enum OpenedAs { CREATED, CLEAN, RECOVERED, REBUILT }

    /** Life of the shared registry at this port. */
    public enum State { CONNECTING, CATCHING_UP, READY, CLOSED }

    static final int PROBE_MILLIS = 100;
    static final int DOCUMENT_READ_MILLIS = 2_000;
    private static final int MAX_PROBES = 4096;

    private final Path dir;
    private final long entries;
    private final ClusterSettings settings;
    private final Clock clock;
    /** The bound in force: the policy's when it sets one ({@link #stalenessBound}), else the setting's. */
    private volatile long stalenessNanos;
    private final TopicPartition tp;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Admin admin;
    private final Object progress = new Object();
    private final ArrayDeque<long[]> probes = new ArrayDeque<>();
    private final Thread materializer;
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong appliedMessages = new AtomicLong();
    /** The last status change of each report whose status changed, as its message said (rare next to registrations). */
    private final Map<String, StatusChange> changes = new ConcurrentHashMap<>();
    private final RegistryApplier applier = new RegistryApplier(changes::put);
    private final TopicDocuments documents;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private volatile boolean running = true;
    private volatile State state = State.CONNECTING;
    /** The index lookups read without a lock ({@link GuardedIndex}: never closed under a reader). */
    private final GuardedIndex guard = new GuardedIndex(null);
    /**
     * Held by the follower while it writes into, replaces or re-files the index, and by close()
     * while it takes the index away. Once {@link #indexTaken}, the follower touches neither the
     * index nor the directory again, even if it outlives close()'s wait for it (a poll that
     * does not come back): the lock file can then be released with nobody writing.
     */
    private final Object indexWrites = new Object();
    private boolean indexTaken;
    /** How long {@link #close()} waits for the follower before taking the index from it anyway. */
    static final Duration DEFAULT_FOLLOWER_PATIENCE = Duration.ofSeconds(5);
    /** The follower thread's name before the port id. */
    public static final String FOLLOWER_THREAD_PREFIX = "gcc-cluster-registry-";
    private volatile OpenedAs openedAs;
    private volatile long applied;
    private volatile long endOffset = -1;
    private volatile long freshAsOfNanos;
    private volatile long lastContactMillis;
    private volatile long catchUpStartNanos;
    private volatile long catchUpMillis = -1;
    private volatile long catchUpMessages;
    private volatile String lastError = "";

    private ClusterRegistry(Path dir, long entries, ClusterSettings settings, Clock clock) throws IOException {
        this.dir = dir;
        this.entries = entries;
        this.settings = settings;
        this.clock = clock;
        this.stalenessNanos = settings.staleness().toNanos();
        // Never confirmed: older than any bound a policy may set later.
        this.freshAsOfNanos = System.nanoTime() - 2 * gcc.policy.Policy.MAX_STALENESS_MILLIS * 1_000_000L;
        this.tp = new TopicPartition(settings.registryTopic(), 0);
        Files.createDirectories(dir);
        this.lockChannel = FileChannel.open(dir.resolve("registry.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new IllegalStateException("the shared registry index in " + dir + " is open in another process: stop it first");
        }
        this.lock = l;
        this.admin = Admin.create(settings.admin("registry-admin"));
        this.documents = new TopicDocuments(settings);
        // named for its port, so a thread dump of a server (or a test JVM with several) tells them apart
        this.materializer = new Thread(this::run, FOLLOWER_THREAD_PREFIX + settings.portId());
        materializer.setDaemon(true);
    }

    /**
     * Opens (creating or recovering) the index in {@code dir} and starts following the registry
     * topic. Returns at once; {@link #ready()} turns true once the index has caught up.
     */
    public static ClusterRegistry open(Path dir, long entries, ClusterSettings settings, Clock clock) throws IOException {
        ClusterRegistry r = new ClusterRegistry(dir, entries, settings, clock);
        try {
            r.openIndex();
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        r.materializer.start();
        return r;
    }

    // ------------------------------------------------------------------ index files

    private File indexFile() {
        return dir.resolve("index.cm3").toFile();
    }

    private void openIndex() throws IOException {
        Path marker = dir.resolve("index.clean");
        boolean clean = Files.exists(marker);
        Files.deleteIfExists(marker); // from here until a clean close, a crash must not look clean
        boolean sameBoot = bootId().equals(read(dir.resolve("index.boot")));
        Files.writeString(dir.resolve("index.boot"), bootId() + "\n");
        File file = indexFile();
        RegistryIndex idx = null;
        OpenedAs how = file.exists() ? OpenedAs.REBUILT : OpenedAs.CREATED;
        if (file.exists() && (clean || sameBoot) && IndexFileCheck.matches(file.toPath(), dir.resolve("index.header"))) {
            try {
                idx = clean ? RegistryIndex.open(file, entries) : RegistryIndex.recover(file, entries);
                how = clean ? OpenedAs.CLEAN : OpenedAs.RECOVERED;
            } catch (IOException | RuntimeException e) {
                idx = null;
            }
        }
        if (idx == null) {
            idx = fresh();
        }
        guard.replace(idx);
        openedAs = how;
        applied = idx.applied();
    }

    private RegistryIndex fresh() throws IOException {
        Files.deleteIfExists(indexFile().toPath());
        Files.deleteIfExists(dir.resolve("topic.id"));
        RegistryIndex idx = RegistryIndex.open(indexFile(), entries);
        IndexFileCheck.record(indexFile().toPath(), dir.resolve("index.header"));
        return idx;
    }

    /** Replaces the index by an empty one (readers see UNAVAILABLE meanwhile). The caller holds {@link #indexWrites}. */
    private void resetIndex(String why) throws IOException {
        System.err.println("gcc cluster: rebuilding the registry index from topic " + tp.topic() + ": " + why);
        state = State.CATCHING_UP;
        guard.replace(null); // the old index closes once no lookup is inside it, before its file is replaced
        guard.replace(fresh());
        openedAs = OpenedAs.REBUILT;
        applied = 0;
    }

    private static String bootId() {
        return read(Path.of("/proc/sys/kernel/random/boot_id"));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p).trim() : "none";
        } catch (IOException e) {
            return "none";
        }
    }

    // ------------------------------------------------------------------ materializer

    private void run() {
        try {
            while (running && !bringUp()) {
                sleep(1000);
            }
            if (!running) {
                return;
            }
            consumer = new KafkaConsumer<>(settings.consumer("registry"));
            consumer.assign(List.of(tp));
            seekStart();
            catchUpStartNanos = System.nanoTime();
            long startApplied = applied;
            long nextProbe = 0;
            while (running) {
                try {
                    ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(20));
                    if (!batch.isEmpty()) {
                        apply(batch);
                    }
                    if (System.nanoTime() >= nextProbe) {
                        probe();
                        nextProbe = System.nanoTime() + PROBE_MILLIS * 1_000_000L;
                    }
                    if (state == State.CATCHING_UP && caughtUp()) {
                        catchUpMillis = (System.nanoTime() - catchUpStartNanos) / 1_000_000;
                        catchUpMessages = applied - startApplied;
                        enter(State.READY);
                    }
                } catch (OffsetOutOfRangeException e) {
                    synchronized (indexWrites) {
                        if (indexTaken) {
                            return;
                        }
                        resetIndex("offset " + applied + " is no longer in the topic (behind its retention)");
                    }
                    seekStart();
                } catch (WakeupException e) {
                    // close() asked us to stop
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    lastError = "no answer from the cluster: " + e.getMessage();
                } catch (org.apache.kafka.common.KafkaException e) {
                    lastError = e.toString();
                    sleep(200);
                }
            }
        } catch (IOException | RuntimeException e) {
            lastError = "registry follower stopped: " + e;
            System.err.println("gcc cluster: " + lastError);
            state = State.CLOSED; // refuses every lookup: never ready again without a restart
        } finally {
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.close(Duration.ofSeconds(1));
            }
        }
    }

    /** Creates missing topics and decides whether the index can continue from its stored offset. */
    private boolean bringUp() {
        try {
            Uuid id = ClusterTopics.ensure(admin, settings);
            long begin = admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get(5, TimeUnit.SECONDS).offset();
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get(5, TimeUnit.SECONDS).offset();
            synchronized (indexWrites) {
                if (indexTaken) {
                    return false;
                }
                String stored = read(dir.resolve("topic.id"));
                if (applied > 0 && !stored.equals(id.toString())) {
                    resetIndex("the index was built from another topic (id " + stored + ", now " + id + ")");
                } else if (applied > end) {
                    resetIndex("the index is at offset " + applied + " but the topic ends at " + end + " (re-created?)");
                } else if (applied > 0 && applied < begin) {
                    resetIndex("offset " + applied + " is behind the topic's retention (it starts at " + begin + ")");
                }
                Files.writeString(dir.resolve("topic.id"), id + "\n");
                state = State.CATCHING_UP;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        } catch (Exception e) {
            lastError = "cannot reach the cluster at " + settings.bootstrap() + ": " + e;
            return false;
        }
    }

    private void seekStart() {
        if (applied == 0) {
            consumer.seekToBeginning(List.of(tp));
        } else {
            consumer.seek(tp, applied);
        }
    }

    private void apply(ConsumerRecords<String, byte[]> batch) {
        long last;
        synchronized (indexWrites) {
            if (indexTaken) {
                return; // closed while this batch was polled: the index is no longer ours to write
            }
            long before = applier.undecodable();
            RegistryIndex index = guard.current(); // this thread is the only one that replaces it
            last = applier.apply(index, batch.records(tp));
            if (applier.undecodable() != before) {
                undecodable.addAndGet(applier.undecodable() - before);
                lastError = applier.lastError();
            }
            if (last >= 0) {
                index.applied(last + 1);
                appliedMessages.addAndGet(batch.count());
                applied = last + 1;
            }
        }
        if (last >= 0) {
            confirm();
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /** A state change by the follower, which must not undo close(). */
    private void enter(State next) {
        synchronized (indexWrites) {
            if (!indexTaken) {
                state = next;
            }
        }
    }

    /** Asks the broker where the topic ends; a timeout means no contact (and no fresh confirmation). */
    private void probe() {
        long sent = System.nanoTime();
        Long end = consumer.endOffsets(Set.of(tp), Duration.ofMillis(1000)).get(tp);
        if (end == null) {
            return;
        }
        lastContactMillis = System.currentTimeMillis();
        endOffset = end;
        probes.addLast(new long[]{sent, end});
        if (probes.size() > MAX_PROBES) {
            probes.pollFirst();
        }
        confirm();
    }

    /** Every probe whose end offset the index has reached confirms the index current as of its send time. */
    private void confirm() {
        long[] p;
        while ((p = probes.peekFirst()) != null && p[1] <= applied) {
            freshAsOfNanos = Math.max(freshAsOfNanos, p[0]);
            probes.pollFirst();
        }
    }

    private boolean caughtUp() {
        return endOffset >= 0 && applied >= endOffset && !stale();
    }

    private boolean stale() {
        return System.nanoTime() - freshAsOfNanos > stalenessNanos;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Lookup lookup(byte[] reportId, int length, ReportRecord into) {
        if (state != State.READY) {
            return Lookup.UNAVAILABLE;
        }
        if (System.nanoTime() - freshAsOfNanos > stalenessNanos) {
            return Lookup.STALE;
        }
        return guard.lookup(reportId, length, into);
    }

    @Override
    public boolean get(String reportId, ReportRecord into) {
        return state == State.READY && guard.get(reportId, into);
    }

    @Override
    public long entries() {
        return state == State.CLOSED ? 0 : guard.entries();
    }

    @Override
    public StatusChange statusChange(String reportId) {
        return changes.get(reportId);
    }

    /**
     * The registered document, read back from the registry topic at the message the record points
     * to ({@link TopicDocuments}); {@code null} when the record points nowhere, the broker does not
     * answer within {@value #DOCUMENT_READ_MILLIS} ms, or what the topic holds is not the document
     * the record's digest names.
     */
    @Override
    public gcc.report.ReportDocument document(String reportId) {
        ReportRecord r = new ReportRecord();
        return get(reportId, r) ? documentOf(reportId, r) : null;
    }

    /** The document {@code r} (the record of {@code reportId}) points to, as {@link #document} reads it. */
    private gcc.report.ReportDocument documentOf(String reportId, ReportRecord r) {
        if (r.documentPosition() <= 0) {
            return null;
        }
        byte[] bytes = documents.read(reportId, r.documentPosition() - 1, Duration.ofMillis(DOCUMENT_READ_MILLIS));
        if (bytes == null) {
            return null;
        }
        try {
            gcc.report.ReportDocument d = gcc.report.ReportDocument.fromCanonicalBytes(bytes);
            return d.reportId().equals(reportId) && java.util.Arrays.equals(d.digest(), r.digestBytes()) ? d : null;
        } catch (CborException | RuntimeException e) {
            return null;
        }
    }

    /** The last applied sequence: the offset + 1 of the last registry message applied here. */
    @Override
    public long lastSequence() {
        return applied;
    }

    /** True once caught up with the topic and confirmed current within the staleness bound. */
    @Override
    public boolean ready() {
        return state == State.READY && !stale();
    }

    /**
     * Puts the policy's staleness bound in force at once (a shorter one may make the next lookup
     * stale), or the {@code cluster.staleness-ms} setting again when {@code bound} is {@code null}.
     */
    @Override
    public void stalenessBound(Duration bound) {
        Duration d = bound == null ? settings.staleness() : bound;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("staleness bound must be positive: " + d);
        }
        stalenessNanos = d.toNanos();
    }

    /** A snapshot of the link to the cluster, for {@code /ready}, {@code /metrics} and tools. */
    @Override
    public RegistryLink link() {
        long end = endOffset;
        long fresh = (System.nanoTime() - freshAsOfNanos) / 1_000_000;
        return new RegistryLink(settings.portId(), state.name(), openedAs == null ? "" : openedAs.name(), applied, end,
                end < 0 ? -1 : Math.max(0, end - applied), lastContactMillis, Math.max(0, fresh), stale(),
                stalenessNanos / 1_000_000, catchUpMillis, catchUpMessages, appliedMessages.get(), undecodable.get(),
                lastError);
    }

    // ------------------------------------------------------------------ writes

    @Override
    public synchronized String submit(RegistryEvent event) {
        // Pinned before the readiness check: a rebuild from here on is seen by every read below.
        PinnedIndex pin = new PinnedIndex(guard);
        String notNow = writable();
        if (notNow != null) {
            return notNow;
        }
        Overlay overlay = new Overlay(pin);
        List<ProducerRecord<String, byte[]>> messages;
        try {
            String refusal = overlay.refusal(event);
            if (refusal != null) {
                return refusal;
            }
            messages = messages(event, overlay, pin);
            pin.check(); // every record and document above was read from the index validated against
        } catch (PinnedIndex.Replaced e) {
            return e.getMessage();
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(messages.size());
        for (ProducerRecord<String, byte[]> m : messages) {
            sent.add(producer().send(m));
        }
        long lastOffset = -1;
        try {
            for (Future<RecordMetadata> f : sent) {
                lastOffset = Math.max(lastOffset, f.get(30, TimeUnit.SECONDS).offset());
            }
        } catch (Exception e) {
            throw new IllegalStateException("the cluster did not acknowledge the change (" + rootCause(e)
                    + "); it may or may not have been made: read the report back before retrying", e);
        }
        if (!awaitApplied(lastOffset + 1, 10_000)) {
            throw new IllegalStateException("the change is stored in the cluster (offset " + lastOffset
                    + ") but this port has not applied it within 10 s; it will once it catches up");
        }
        return null;
    }

    /**
     * Bulk writing for tools: validates each event against the index and the changes before it,
     * sends without waiting per event, and every {@code chunk} events waits for Kafka's
     * acknowledgement and the index. Returns the refusals as "id: reason"; throws if Kafka refused
     * a write (the events before it are stored) or if the index was rebuilt meanwhile (the events
     * before that are sent, no later one is).
     */
    public synchronized List<String> submitAll(Iterable<RegistryEvent> events, int chunk, Runnable perEvent) {
        PinnedIndex pin = new PinnedIndex(guard);
        String notNow = writable();
        if (notNow != null) {
            throw new IllegalStateException(notNow);
        }
        Overlay overlay = new Overlay(pin);
        List<String> refused = new ArrayList<>();
        AtomicLong maxOffset = new AtomicLong(-1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        int sinceWait = 0;
        long sentEvents = 0;
        for (RegistryEvent e : events) {
            List<ProducerRecord<String, byte[]>> messages;
            try {
                String refusal = overlay.refusal(e);
                if (refusal != null) {
                    refused.add(e.reportId() + ": " + refusal);
                    continue;
                }
                messages = messages(e, overlay, pin);
                pin.check();
            } catch (PinnedIndex.Replaced r) {
                producer().flush();
                if (failure.get() != null) {
                    throw new IllegalStateException("the cluster refused a registry write: " + rootCause(failure.get()), failure.get());
                }
                throw new IllegalStateException(r.getMessage() + " (the " + sentEvents + " changes before "
                        + e.reportId() + " were written to the cluster, none from it on)", r);
            }
            for (ProducerRecord<String, byte[]> m : messages) {
                producer().send(m, (md, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    } else {
                        maxOffset.accumulateAndGet(md.offset(), Math::max);
                    }
                });
            }
            sentEvents++;
            perEvent.run();
            if (++sinceWait >= chunk) {
                settle(overlay, maxOffset, failure);
                sinceWait = 0;
            }
        }
        settle(overlay, maxOffset, failure);
        return refused;
    }

    private void settle(Overlay overlay, AtomicLong maxOffset, AtomicReference<Exception> failure) {
        producer().flush();
        if (failure.get() != null) {
            throw new IllegalStateException("the cluster refused a registry write: " + rootCause(failure.get()), failure.get());
        }
        if (maxOffset.get() >= 0 && !awaitApplied(maxOffset.get() + 1, 60_000)) {
            throw new IllegalStateException("written to the cluster up to offset " + maxOffset.get()
                    + " but not applied here within 60 s");
        }
        overlay.clear();
    }

    /** Applies the accepted {@code e} to the overlay and returns the messages that write it, in order. */
    private List<ProducerRecord<String, byte[]>> messages(RegistryEvent e, Overlay overlay, PinnedIndex pin) {
        long now = clock.millis();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(2);
        for (ReportRecord r : overlay.apply(e)) {
            out.add(message(e, now, r, overlay, pin));
        }
        return out;
    }

    private ProducerRecord<String, byte[]> message(RegistryEvent e, long now, ReportRecord r, Overlay overlay, PinnedIndex pin) {
        String key = r.reportId();
        return new ProducerRecord<>(tp.topic(), 0, key, RegistryMessage.encode(e, now, r, documentOf(key, overlay, pin)));
    }

    /**
     * The document a message for {@code reportId} repeats, so the latest message per report keeps
     * the itemized figures through compaction: a registration's own (the overlay holds it until
     * applied here), else the one the topic holds at the message the pinned index points to;
     * {@code null} if neither can be had.
     */
    private byte[] documentOf(String reportId, Overlay overlay, PinnedIndex pin) {
        byte[] pending = overlay.document(reportId);
        if (pending != null) {
            return pending;
        }
        ReportRecord r = new ReportRecord();
        gcc.report.ReportDocument d = pin.get(reportId, r) ? documentOf(reportId, r) : null;
        return d == null ? null : d.canonicalBytes();
    }

    /** Null when a change may be validated here now, after this index applied all the topic held a moment ago. */
    private String writable() {
        if (state != State.READY) {
            return "the shared registry is not ready at this port (" + state + "); try again shortly";
        }
        long end;
        try {
            end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get(3, TimeUnit.SECONDS).offset();
        } catch (Exception e) {
            return "the cluster cannot be reached (" + rootCause(e) + "); the change was not made";
        }
        if (!awaitApplied(end, 5_000)) {
            return "this port is still catching up with the cluster (at " + applied + " of " + end + "); try again";
        }
        return null;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings.producer("registry-writer"));
        }
        return producer;
    }

    /** Waits until the index has applied every message below {@code offset}. */
    public boolean awaitApplied(long offset, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (progress) {
            while (applied < offset) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || state == State.CLOSED) {
                    return applied >= offset;
                }
                try {
                    progress.wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    public Path directory() {
        return dir;
    }

    public OpenedAs openedAs() {
        return openedAs;
    }

    // ------------------------------------------------------------------ close

    /** Stops following, closes the clients and the index (marking it clean), releases the lock. */
    @Override
    public void close() {
        close(DEFAULT_FOLLOWER_PATIENCE);
    }

    /**
     * As {@link #close()}, waiting at most {@code followerPatience} for the follower to finish the
     * batch it is applying. Past it the index is taken from the follower anyway: the follower then
     * stops without writing into it or marking it again, so the index is whole where it stopped and
     * the next open finds it clean (a shutdown that must not wait, say under a supervisor's kill
     * timer, loses nothing but the unapplied tail, which the topic still holds).
     */
    public synchronized void close(Duration followerPatience) {
        if (state == State.CLOSED && guard.current() == null) {
            return;
        }
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            materializer.join(Math.max(1, followerPatience.toMillis())); // join(0) would wait forever
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
        admin.close(Duration.ofSeconds(2));
        documents.close();
        try {
            RegistryIndex idx;
            // Waits out a batch being applied, if the follower outlived the join; after this block
            // it never writes again, so the index is whole at `applied` and may be marked clean.
            synchronized (indexWrites) {
                indexTaken = true;
                state = State.CLOSED;
                idx = guard.current();
                guard.replace(null); // closes idx once no lookup is inside it
            }
            if (idx != null) {
                writeCleanMarker();
            }
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException ignored) {
                // the OS releases the lock with the process anyway
            }
        }
    }

    private void writeCleanMarker() {
        try {
            Path tmp = dir.resolve("index.clean.tmp");
            Files.write(tmp, ("offset=" + applied + "\n").getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, dir.resolve("index.clean"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // without the marker the next open recovers the index: slower, never wrong
        }
    }
}
