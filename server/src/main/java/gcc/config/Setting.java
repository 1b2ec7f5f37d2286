package gcc.config;

import java.util.Locale;

/**
 * Every server setting: its key in the configuration file, its environment variable, its
 * default and what it does. The one place to read every knob; {@code gatectl serve --help}
 * and {@code docs/operations.md} list this table.
 *
 * <p>Precedence, lowest first: default, configuration file ({@code --config}), environment
 * ({@code GCC_} + key upper-cased with dots and dashes as underscores), command-line flags.
 */
public enum Setting {
    DATA_DIR("data.dir", "./data", "data directory: registry, journal, audit, keys, trust list"),
    GATE_HOST("gate.host", "127.0.0.1", "address the gate TCP listener binds (0.0.0.0 for all)"),
    GATE_PORT("gate.port", "7700", "gate TCP port (0 = any free port)"),
    GATE_MAX_FRAME_BYTES("gate.max-frame-bytes", "4096", "largest gate frame accepted; larger is a protocol error"),
    GATE_MAX_CONNECTIONS("gate.max-connections", "4096", "gate connections open at once; one more is closed at accept and counted (gcc_connections_refused_total)"),
    GATE_MAX_IN_FLIGHT("gate.max-in-flight-per-connection", "1024", "requests one gate connection may have undecided; beyond it each is answered BUSY"),
    GATE_FRAME_DEADLINE_MS("gate.frame-deadline-ms", "10000", "a started frame not completed within this is a protocol error and the connection is closed (slowloris)"),
    GATE_IDLE_SECONDS("gate.idle-timeout-seconds", "60", "a gate connection silent this long (no request or ping) is closed"),
    GATE_WRITE_LOW_WATER("gate.write-low-water-bytes", "32768", "outbound buffer below which a paused gate connection reads again"),
    GATE_WRITE_HIGH_WATER("gate.write-high-water-bytes", "65536", "outbound buffer above which the server stops reading that gate until it drains"),
    IO("io", "auto", "transport: auto (io_uring, else epoll, else nio: the first the kernel allows), io_uring, epoll or nio"),
    IO_RECEIVE_BUFFERS("io.receive-buffers", "1024", "io_uring only: 2 KiB receive buffers each event loop lends the kernel for gate connections, so each connection keeps one multishot receive instead of a receive submitted per read (0, or a power of two from 2 to 16384; 0 = a receive per read). Used up, reads go on as plain receives"),
    EVENT_LOOPS("event-loops", "0", "I/O threads (0 = half the cores, at least 1: the rest checks signatures past the loops' budget, syncs the audit and collects garbage)"),
    WORKER_THREADS("workers.threads", "0", "signature-check threads (0 = number of cores)"),
    WORKER_QUEUE("workers.queue", "256", "signature checks that may wait for a worker; beyond it the answer is BUSY"),
    WORKER_INLINE_SHARE("workers.inline-share-percent", "25", "share of each event loop's time first-sight signature checks may take on the loop itself (in bursts of at most 2 ms x the share), saving two thread wake-ups each; past it they go to the workers (0 = always the workers)"),
    MEMO_CAPACITY("memo.capacity", "65536", "verified-signature memo entries (bounded memory, about 1 KiB each)"),
    HTTP_HOST("http.host", "127.0.0.1", "address the HTTP API binds"),
    HTTP_PORT("http.port", "7780", "HTTP API port (0 = any free port, -1 = no HTTP listener)"),
    HTTP_MAX_BODY_BYTES("http.max-body-bytes", "1048576", "largest HTTP request body"),
    HTTP_MAX_CONNECTIONS("http.max-connections", "512", "HTTP connections open at once; one more is closed at accept and counted (gcc_connections_refused_total)"),
    HTTP_READ_DEADLINE_MS("http.read-deadline-ms", "30000", "a request whose first byte arrived must be complete (head and body) within this, or the connection is closed (slowloris)"),
    HTTP_AT_BACK_DAYS("http.at-window-back-days", "30", "how far in the past an 'at' date on POST /v1/verify may lie (days); earlier is a 400"),
    HTTP_AT_AHEAD_DAYS("http.at-window-ahead-days", "180", "how far in the future an 'at' date on POST /v1/verify may lie (days); later is a 400"),
    ADMIN_TOKEN_FILE("admin.token-file", "", "file holding the admin bearer token (empty: DATA/admin.token, created with a random token at first start)"),
    AUTH_CREDENTIALS_FILE("auth.credentials-file", "", "credentials bound to principals and roles (empty: DATA/credentials.json; gatectl credentials add); reloaded when it changes"),
    AUTH_ANONYMOUS_VERIFY("auth.anonymous-verify", "true", "true: callers without a credential may POST /v1/verify and GET /v1/reports/{id}; false: they need a customs, lab or forwarder credential"),
    AUTH_ANONYMOUS_PROBES("auth.anonymous-probes", "true", "true: callers without a credential may read /metrics, /health and /ready; false: they need an operations credential"),
    AUTH_FORWARDER_RATE("auth.forwarder-rate-per-second", "20", "pre-validations a second each forwarder credential may make (token bucket); beyond it 429 with Retry-After"),
    AUTH_FORWARDER_BURST("auth.forwarder-burst", "40", "pre-validations a forwarder credential may make at once before its rate applies"),
    TLS_GATE_CERT("tls.gate.cert", "", "PEM certificate chain for the gate listener (empty: plain TCP)"),
    TLS_GATE_KEY("tls.gate.key", "", "PEM private key for the gate listener"),
    TLS_HTTP_CERT("tls.http.cert", "", "PEM certificate chain for the HTTP listener (empty: plain HTTP)"),
    TLS_HTTP_KEY("tls.http.key", "", "PEM private key for the HTTP listener"),
    TLS_HTTP_CLIENT_CA("tls.http.client-ca", "", "PEM CA the HTTP listener verifies client certificates against; a certificate listed in the credentials file then stands for its principal"),
    TRUST_ROOT_KEY("trust.root-key", "", "customs root public key PEM (empty: DATA/keys/customs-root.pub.pem)"),
    TRUST_LIST("trust.list", "", "signed trust list (empty: DATA/trust-list.cose); replaced through the admin API"),
    POLICY_FILE("policy.file", "", "policy JSON (empty: the built-in provisional GB 31701-2026 policy)"),
    REGISTRY_ENTRIES("registry.entries", "100000", "reports the registry index is sized for (default: a pilot); about 250 bytes of disk each, allocated when created: set it to the reports expected plus 20%; raised later, the index is rebuilt at the next start"),
    REGISTRY_KEEP_RESIDENT("registry.keep-resident-seconds", "15", "how often a background thread reads a byte of every page of the registry index, so the OS keeps it in memory instead of paging it out while idle (a page read back from disk inside a decision stalls the event loop); 0 = never"),
    AUDIT_SYNC_MS("audit.sync-interval-ms", "100", "how often the audit is synced to the device: what a power cut may lose (a process kill loses nothing answered)"),
    AUDIT_MIN_FREE_BYTES("audit.min-free-bytes", "67108864", "free space on the audit's file system below which decisions HOLD (audit unavailable) until space returns"),
    SHUTDOWN_DEADLINE_MS("shutdown.deadline-ms", "5000", "how long a stop waits for in-flight requests and the audit to drain"),
    CLUSTER_KAFKA_BOOTSTRAP("cluster.kafka.bootstrap", "", "Kafka bootstrap servers (host:port,...): ports share registry, trust list, policy and audit through Kafka (empty: single-port mode, local journal)"),
    CLUSTER_TOPIC_PREFIX("cluster.topic-prefix", "gcc.", "prefix of the shared topics PREFIXregistry, PREFIXtrust-list, PREFIXpolicy, PREFIXaudit"),
    CLUSTER_PORT_ID("cluster.port-id", "", "this port's id in the cluster (lower-case, e.g. ningbo): audit key and writer identity; required in Kafka mode"),
    CLUSTER_STALENESS_MS("cluster.staleness-ms", "5000", "Kafka mode: the staleness bound when the policy in force sets no registryStalenessMs (without confirmation from the cluster for this long, decisions HOLD with REGISTRY_STALE)");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The environment variable that overrides the file: {@code GCC_GATE_PORT} for {@code gate.port}. */
    public String envName() {
        return "GCC_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The setting with this file key, or {@code null}. */
    public static Setting ofKey(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }

    /** The settings table as Markdown, as {@code docs/operations.md} shows it (a test compares them). */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| setting | environment | default | meaning |\n|---|---|---|---|\n");
        for (Setting s : values()) {
            sb.append("| `").append(s.key).append("` | `").append(s.envName()).append("` | ")
                    .append(s.defaultValue.isEmpty() ? "(empty)" : "`" + s.defaultValue + "`").append(" | ")
                    .append(s.description).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * A configuration file listing every setting, commented out at its default with what it does
     * and its environment variable: the release's {@code conf/gcc.properties} (a test in the dist
     * module compares them, so the file cannot drift from this table).
     */
    public static String propertiesFile() {
        StringBuilder sb = new StringBuilder()
                .append("# Green Clearance Code gate server settings: `gatectl serve --config FILE`.\n")
                .append("# Every setting is listed below, commented out at its default: uncomment a line to change it.\n")
                .append("# Precedence, lowest first: default, this file, environment (GCC_...), command-line flags.\n")
                .append("# Relative paths are relative to the server's working directory (the systemd unit: /var/lib/gcc).\n")
                .append("# Generated from gcc.config.Setting (`gatectl serve --help` lists the same table).\n");
        for (Setting s : values()) {
            sb.append("\n# ").append(s.description).append("\n# environment: ").append(s.envName())
                    .append("\n#").append(s.key).append('=').append(s.defaultValue).append('\n');
        }
        return sb.toString();
    }

    /** The settings table as text, for {@code --help}. */
    public static String table() {
        StringBuilder sb = new StringBuilder();
        for (Setting s : values()) {
            sb.append(String.format("  %-28s %-10s %s%n      env %s%n", s.key,
                    s.defaultValue.isEmpty() ? "\"\"" : s.defaultValue, s.description, s.envName()));
        }
        return sb.toString();
    }
}
