package gcc.config;

import gcc.transport.EventLoops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * The server's settings, filled from defaults, an optional properties file, the environment and
 * flags (in that order), then checked once by {@link #conclude()} before anything starts. After
 * {@code conclude()} the typed getters are safe to call; a bad value fails at start with a
 * message naming the setting and where it came from.
 *
 * <p>Not thread-safe while being filled; immutable in practice once concluded.
 */
public final class ServerContext {
    private final Map<Setting, String> values = new EnumMap<>(Setting.class);
    private final Map<Setting, String> sources = new EnumMap<>(Setting.class);
    private boolean concluded;

    public ServerContext() {
        for (Setting s : Setting.values()) {
            values.put(s, s.defaultValue());
            sources.put(s, "default");
        }
    }

    /** Reads a properties file of {@code key=value} lines (keys as in {@link Setting#key()}). */
    public ServerContext file(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        for (String key : p.stringPropertyNames()) {
            Setting s = Setting.ofKey(key);
            if (s == null) {
                throw new IllegalArgumentException(file + ": unknown setting '" + key + "' (see gatectl serve --help)");
            }
            set(s, p.getProperty(key).trim(), file.toString());
        }
        return this;
    }

    /** Applies every {@code GCC_*} variable that names a setting. */
    public ServerContext environment(Map<String, String> env) {
        for (Setting s : Setting.values()) {
            String v = env.get(s.envName());
            if (v != null) {
                set(s, v.trim(), "environment " + s.envName());
            }
        }
        return this;
    }

    public ServerContext set(Setting s, String value, String source) {
        if (concluded) {
            throw new IllegalStateException("context already concluded");
        }
        values.put(s, value);
        sources.put(s, source);
        return this;
    }

    public ServerContext set(Setting s, String value) {
        return set(s, value, "flag");
    }

    /** Checks every value; call once, before starting anything. */
    public ServerContext conclude() {
        for (Setting s : Setting.values()) {
            String problem = problem(s);
            if (problem != null) {
                throw bad(s, problem);
            }
        }
        if (gateWriteLowWater() >= gateWriteHighWater()) {
            throw bad(Setting.GATE_WRITE_LOW_WATER, "must be below " + Setting.GATE_WRITE_HIGH_WATER.key());
        }
        pairedTls(Setting.TLS_GATE_CERT, Setting.TLS_GATE_KEY);
        pairedTls(Setting.TLS_HTTP_CERT, Setting.TLS_HTTP_KEY);
        if (!get(Setting.TLS_HTTP_CLIENT_CA).isEmpty() && get(Setting.TLS_HTTP_CERT).isEmpty()) {
            throw bad(Setting.TLS_HTTP_CLIENT_CA, "needs " + Setting.TLS_HTTP_CERT.key() + " (client certificates need TLS)");
        }
        concluded = true;
        return this;
    }

    private void pairedTls(Setting cert, Setting key) {
        if (get(cert).isEmpty() != get(key).isEmpty()) {
            throw bad(cert, "set both " + cert.key() + " and " + key.key() + ", or neither");
        }
        for (Setting s : new Setting[]{cert, key}) {
            if (!get(s).isEmpty() && !Files.isReadable(Path.of(get(s)))) {
                throw bad(s, "file not readable: " + get(s));
            }
        }
    }

    /**
     * What is wrong with one setting's value, or {@code null}. Every setting is listed, so a new
     * one does not compile until it says how it is checked.
     */
    private String problem(Setting s) {
        return switch (s) {
            case GATE_PORT -> range(s, 0, 65535);
            case HTTP_PORT -> range(s, -1, 65535);
            case GATE_MAX_FRAME_BYTES -> range(s, 256, 1 << 20);
            case GATE_IDLE_SECONDS -> range(s, 1, 86_400);
            case GATE_MAX_CONNECTIONS, HTTP_MAX_CONNECTIONS -> range(s, 1, 1 << 20);
            case GATE_MAX_IN_FLIGHT -> range(s, 1, 1 << 20);
            case GATE_FRAME_DEADLINE_MS, HTTP_READ_DEADLINE_MS -> range(s, 100, 600_000);
            case HTTP_AT_BACK_DAYS, HTTP_AT_AHEAD_DAYS -> range(s, 0, 3_660);
            case GATE_WRITE_LOW_WATER, GATE_WRITE_HIGH_WATER, HTTP_MAX_BODY_BYTES -> range(s, 1024, 64 << 20);
            case EVENT_LOOPS, WORKER_THREADS -> range(s, 0, 1024);
            case WORKER_QUEUE -> range(s, 1, 1 << 20);
            case WORKER_INLINE_SHARE -> range(s, 0, 100);
            case IO_RECEIVE_BUFFERS -> EventLoops.validReceiveBuffers(intIn(s, 0, EventLoops.MAX_RECEIVE_BUFFERS)) ? null
                    : "must be 0 or a power of two from 2 to " + EventLoops.MAX_RECEIVE_BUFFERS;
            case REGISTRY_KEEP_RESIDENT -> range(s, 0, 3_600);
            case MEMO_CAPACITY -> range(s, 16, 1 << 26);
            case SHUTDOWN_DEADLINE_MS -> range(s, 0, 600_000);
            case CLUSTER_STALENESS_MS -> range(s, 100, 3_600_000);
            case CLUSTER_PORT_ID -> get(Setting.CLUSTER_KAFKA_BOOTSTRAP).isBlank() || get(s).matches("[a-z0-9][a-z0-9-]{0,31}")
                    ? null : "must be 1-32 lower-case letters, digits or '-' in Kafka mode";
            case CLUSTER_TOPIC_PREFIX -> get(s).matches("[A-Za-z0-9._-]{0,100}") ? null
                    : "may hold only letters, digits, '.', '_' and '-'";
            case REGISTRY_ENTRIES -> Long.parseLong(get(s).replaceAll("[^0-9]", "0")) < 1_000 ? "must be at least 1000" : null;
            case AUDIT_SYNC_MS -> range(s, 1, 60_000);
            case AUDIT_MIN_FREE_BYTES -> Long.parseLong(get(s).replaceAll("[^0-9]", "0")) < 0 ? "must not be negative" : null;
            case AUTH_ANONYMOUS_VERIFY, AUTH_ANONYMOUS_PROBES -> get(s).equals("true") || get(s).equals("false") ? null
                    : "must be true or false";
            case AUTH_FORWARDER_RATE, AUTH_FORWARDER_BURST -> range(s, 1, 1_000_000);
            case IO -> get(s).equals("auto") || get(s).equals("epoll") || get(s).equals("nio") || get(s).equals("io_uring") ? null
                    : "must be auto, epoll, io_uring or nio";
            // hosts and paths: checked where they are used (bind, open), with the path in the message
            case DATA_DIR, GATE_HOST, HTTP_HOST, ADMIN_TOKEN_FILE, AUTH_CREDENTIALS_FILE, TLS_GATE_CERT, TLS_GATE_KEY, TLS_HTTP_CERT, TLS_HTTP_KEY,
                    TLS_HTTP_CLIENT_CA, TRUST_ROOT_KEY, TRUST_LIST, POLICY_FILE, CLUSTER_KAFKA_BOOTSTRAP -> null;
        };
    }

    /** Null if the value is a whole number in [min, max]; throws the operator's message otherwise. */
    private String range(Setting s, int min, int max) {
        intIn(s, min, max);
        return null;
    }

    private int intIn(Setting s, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(get(s));
        } catch (NumberFormatException e) {
            throw bad(s, "must be a whole number");
        }
        if (v < min || v > max) {
            throw bad(s, "must be " + min + ".." + max);
        }
        return v;
    }

    private IllegalArgumentException bad(Setting s, String why) {
        return new IllegalArgumentException("setting " + s.key() + " = '" + get(s) + "' (from " + sources.get(s) + ") " + why);
    }

    public String get(Setting s) {
        return values.get(s);
    }

    public String source(Setting s) {
        return sources.get(s);
    }

    private int i(Setting s) {
        return Integer.parseInt(get(s));
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public Path dataDir() {
        return Path.of(get(Setting.DATA_DIR)).toAbsolutePath().normalize();
    }

    private Path orData(Setting s, String relative) {
        return get(s).isEmpty() ? dataDir().resolve(relative) : Path.of(get(s)).toAbsolutePath();
    }

    public String gateHost() {
        return get(Setting.GATE_HOST);
    }

    public int gatePort() {
        return i(Setting.GATE_PORT);
    }

    public int gateMaxFrameBytes() {
        return i(Setting.GATE_MAX_FRAME_BYTES);
    }

    public Duration gateIdleTimeout() {
        return Duration.ofSeconds(i(Setting.GATE_IDLE_SECONDS));
    }

    public int gateMaxConnections() {
        return i(Setting.GATE_MAX_CONNECTIONS);
    }

    public int gateMaxInFlight() {
        return i(Setting.GATE_MAX_IN_FLIGHT);
    }

    public Duration gateFrameDeadline() {
        return Duration.ofMillis(i(Setting.GATE_FRAME_DEADLINE_MS));
    }

    public Duration httpReadDeadline() {
        return Duration.ofMillis(i(Setting.HTTP_READ_DEADLINE_MS));
    }

    public int httpMaxConnections() {
        return i(Setting.HTTP_MAX_CONNECTIONS);
    }

    public int gateWriteLowWater() {
        return i(Setting.GATE_WRITE_LOW_WATER);
    }

    public int gateWriteHighWater() {
        return i(Setting.GATE_WRITE_HIGH_WATER);
    }

    public String io() {
        return get(Setting.IO);
    }

    /** io_uring receive buffers per event loop for gate connections; 0 for none. */
    public int ioReceiveBuffers() {
        return i(Setting.IO_RECEIVE_BUFFERS);
    }

    public int eventLoops() {
        // Half: one loop decided 20,000 requests a second at less CPU per decision than two on
        // 2 cores (docs/performance.md), the other core serving workers, the audit sync and GC.
        return i(Setting.EVENT_LOOPS) == 0 ? Math.max(1, cores() / 2) : i(Setting.EVENT_LOOPS);
    }

    public int workerThreads() {
        return i(Setting.WORKER_THREADS) == 0 ? cores() : i(Setting.WORKER_THREADS);
    }

    public int workerQueue() {
        return i(Setting.WORKER_QUEUE);
    }

    public int registryKeepResidentSeconds() {
        return i(Setting.REGISTRY_KEEP_RESIDENT);
    }

    public int workerInlineSharePercent() {
        return i(Setting.WORKER_INLINE_SHARE);
    }

    public int memoCapacity() {
        return i(Setting.MEMO_CAPACITY);
    }

    public String httpHost() {
        return get(Setting.HTTP_HOST);
    }

    /** HTTP port, or -1 when the HTTP listener is off. */
    public int httpPort() {
        return i(Setting.HTTP_PORT);
    }

    public int httpMaxBodyBytes() {
        return i(Setting.HTTP_MAX_BODY_BYTES);
    }

    /** How far back an HTTP {@code at} date may lie. */
    public Duration httpAtBack() {
        return Duration.ofDays(i(Setting.HTTP_AT_BACK_DAYS));
    }

    /** How far ahead an HTTP {@code at} date may lie. */
    public Duration httpAtAhead() {
        return Duration.ofDays(i(Setting.HTTP_AT_AHEAD_DAYS));
    }

    public Path adminTokenFile() {
        return orData(Setting.ADMIN_TOKEN_FILE, "admin.token");
    }

    /** The credentials file (principals, roles, token digests, certificates). */
    public Path credentialsFile() {
        return orData(Setting.AUTH_CREDENTIALS_FILE, "credentials.json");
    }

    public boolean anonymousVerify() {
        return Boolean.parseBoolean(get(Setting.AUTH_ANONYMOUS_VERIFY));
    }

    public boolean anonymousProbes() {
        return Boolean.parseBoolean(get(Setting.AUTH_ANONYMOUS_PROBES));
    }

    public int forwarderRate() {
        return i(Setting.AUTH_FORWARDER_RATE);
    }

    public int forwarderBurst() {
        return i(Setting.AUTH_FORWARDER_BURST);
    }

    /** A PEM file path, or {@code null} when unset. */
    public Path optionalPath(Setting s) {
        return get(s).isEmpty() ? null : Path.of(get(s)).toAbsolutePath();
    }

    public Path trustRootKey() {
        return orData(Setting.TRUST_ROOT_KEY, "keys/customs-root.pub.pem");
    }

    public Path trustList() {
        return orData(Setting.TRUST_LIST, "trust-list.cose");
    }

    /** The policy file, or {@code null} for the built-in policy. */
    public Path policyFile() {
        return optionalPath(Setting.POLICY_FILE);
    }

    public Duration auditSyncInterval() {
        return Duration.ofMillis(i(Setting.AUDIT_SYNC_MS));
    }

    public long auditMinFreeBytes() {
        return Long.parseLong(get(Setting.AUDIT_MIN_FREE_BYTES));
    }

    public Duration shutdownDeadline() {
        return Duration.ofMillis(i(Setting.SHUTDOWN_DEADLINE_MS));
    }

    public long registryEntries() {
        return Long.parseLong(get(Setting.REGISTRY_ENTRIES));
    }

    public Path registryDir() {
        return dataDir().resolve("registry");
    }

    public Path auditDir() {
        return dataDir().resolve("audit");
    }
}
