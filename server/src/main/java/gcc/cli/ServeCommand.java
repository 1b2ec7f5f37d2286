package gcc.cli;

import gcc.audit.AuditJournal;
import gcc.config.ServerContext;
import gcc.config.Setting;
import gcc.metrics.NodeHealth;
import gcc.policy.PolicyJson;
import gcc.registry.PersistentRegistry;
import gcc.server.GateNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code gatectl serve}: the gate server (gate TCP protocol, HTTP API, admin, metrics). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the gate server: gate TCP listener, HTTP API (verify, reports, admin, /metrics, /health, /ready).",
                "Settings (lowest precedence first): defaults, --config FILE, GCC_* environment, flags, --set KEY=VALUE.",
                "Before the first start put the customs root public key at DATA/keys/customs-root.pub.pem (or set "
                        + "trust.root-key); load a signed trust list as DATA/trust-list.cose or through PUT /v1/admin/trust-list.",
                "Gates (and verify --server) connect to the gate TCP port; people and tools use the HTTP port.",
                "Sizing: " + gcc.registry.RegistrySizing.RULE,
                "Stops gracefully on SIGTERM or Ctrl-C."},
        usageHelpWidth = 150,
        footerHeading = "%nSettings (key, default, meaning, environment variable):%n",
        footer = "${gcc.settings.table}")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "properties file of settings (keys below)")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory (setting data.dir)")
    String data;

    @Option(names = "--gate-port", paramLabel = "PORT", description = "gate TCP port (setting gate.port, default 7700; 0 = any free port)")
    String gatePort;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port (setting http.port, default 7780; 0 = any free port, -1 = none)")
    String httpPort;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any setting, repeatable")
    Map<String, String> set = new LinkedHashMap<>();

    static ServerContext context(Path config, String data, String gatePort, String httpPort, Map<String, String> set) {
        ServerContext ctx = new ServerContext();
        if (config != null) {
            ctx.file(config);
        }
        ctx.environment(System.getenv());
        if (data != null) {
            ctx.set(Setting.DATA_DIR, data);
        }
        if (gatePort != null) {
            ctx.set(Setting.GATE_PORT, gatePort);
        }
        if (httpPort != null) {
            ctx.set(Setting.HTTP_PORT, httpPort);
        }
        set.forEach((k, v) -> {
            Setting s = Setting.ofKey(k);
            if (s == null) {
                throw new IllegalArgumentException("unknown setting '" + k + "' (see gatectl serve --help)");
            }
            ctx.set(s, v, "--set");
        });
        return ctx.conclude();
    }

    /** The production parts: registry and audit under the data directory, policy from its file (or built in). */
    public static GateNode.Components components(Clock clock, Path policyFile) {
        return new GateNode.Components(
                c -> {
                    gcc.cluster.ClusterSettings shared = gcc.cluster.ClusterSettings.of(c);
                    try {
                        // Kafka mode: the shared topic is the journal; the index lives beside the local one.
                        return shared == null ? PersistentRegistry.open(c.registryDir(), c.registryEntries(), clock)
                                : gcc.cluster.ClusterRegistry.open(c.dataDir().resolve("registry-cluster"),
                                        c.registryEntries(), shared, clock);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open the registry in " + c.registryDir(), e);
                    }
                },
                c -> new AuditJournal(c.auditDir(), c.auditSyncInterval(), c.auditMinFreeBytes()),
                () -> PolicyJson.load(policyFile));
    }

    @Override
    public Integer call() throws Exception {
        quietLeakDetector();
        ServerContext ctx = context(config, data, gatePort, httpPort, set);
        Clock clock = Clock.systemUTC();
        boolean firstStart = !java.nio.file.Files.exists((gcc.cluster.ClusterSettings.of(ctx) == null ? ctx.registryDir()
                : ctx.dataDir().resolve("registry-cluster")).resolve("index.cm3"));
        GateNode node = GateNode.start(ctx, clock, components(clock, ctx.policyFile()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("gatectl serve: stopping (deadline " + ctx.shutdownDeadline().toMillis() + " ms)");
            node.close();
            stopped.countDown();
        }, "gcc-shutdown"));
        System.out.println("gate server up: gate tcp " + ctx.gateHost() + ":" + node.gatePort()
                + (node.httpPort() < 0 ? "" : ", http " + ctx.httpHost() + ":" + node.httpPort())
                + ", data " + ctx.dataDir() + ", transport " + node.loops()
                + (node.loops().lendsReceiveBuffers() ? " (" + ctx.ioReceiveBuffers() + " receive buffers per loop)" : ""));
        NodeHealth health = node.health();
        System.out.println("registry " + health.registryEntries() + " reports (sequence " + health.registryLastSequence()
                + "), trust list " + (health.trustListVersion() == 0 ? "none (load one: PUT /v1/admin/trust-list)"
                : "v" + health.trustListVersion()) + ", policy " + health.policyVersion());
        System.out.println("admin token (customs principal 'admin') in " + ctx.adminTokenFile() + "; "
                + node.credentialCount() + " more credentials in " + ctx.credentialsFile() + " (gatectl credentials)");
        if (firstStart) {
            System.out.println(gcc.registry.RegistrySizing.rule(ctx.registryEntries()));
        }
        stopped.await();
        return GateCtl.EXIT_OK;
    }

    /**
     * Netty's leak detector (on by default, "simple") records a stack trace for one pooled buffer
     * in 128: over 1 % of a served gate's event-loop samples at 20,000 decisions a second
     * (docs/performance.md). A served gate turns it off unless {@code -Dio.netty.leakDetection.level}
     * asks for a level; the tests run the same handlers with it on.
     */
    static void quietLeakDetector() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
    }
}
