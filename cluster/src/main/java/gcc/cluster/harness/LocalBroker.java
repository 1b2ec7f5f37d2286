package gcc.cluster.harness;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One Apache Kafka broker in KRaft mode (broker and controller in one process, no ZooKeeper), run
 * as a child JVM on loopback from the Maven artifacts on this JVM's class path: the storage is
 * formatted once ({@code kafka.tools.StorageTool}), then {@code kafka.Kafka} runs it. The broker
 * can be killed and started again on the same ports and data, as a failed link and its return.
 *
 * <p>Not thread-safe; one owner starts and stops it.
 */
public final class LocalBroker implements AutoCloseable {
    private final Path dir;
    private final String classPath;
    private final int port;
    private final int controllerPort;
    private Process process;

    private LocalBroker(Path dir, String classPath) throws IOException {
        this.dir = dir;
        this.classPath = classPath;
        // Both ports are held open while the second is chosen: the kernel may hand back a port it
        // just released, and Kafka refuses two listeners on one port.
        try (ServerSocket a = bind(); ServerSocket b = bind()) {
            this.port = a.getLocalPort();
            this.controllerPort = b.getLocalPort();
        }
    }

    /** Formats a broker in {@code dir} and starts it; returns once it answers. */
    public static LocalBroker start(Path dir) throws Exception {
        return start(dir, System.getProperty("java.class.path"));
    }

    public static LocalBroker start(Path dir, String classPath) throws Exception {
        Files.createDirectories(dir);
        LocalBroker b = new LocalBroker(dir, classPath);
        b.writeProperties();
        b.format();
        b.startProcess();
        return b;
    }

    private static ServerSocket bind() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 1);
        return s;
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    private Path properties() {
        return dir.resolve("server.properties");
    }

    private void writeProperties() throws IOException {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", dir.resolve("logs").toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(32 << 20));
        try (var w = Files.newBufferedWriter(properties())) {
            p.store(w, "gcc local KRaft broker");
        }
    }

    private List<String> java(String main) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xms128m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath, main));
        return cmd;
    }

    private void format() throws Exception {
        if (Files.exists(dir.resolve("logs/meta.properties"))) {
            return;
        }
        List<String> cmd = java("kafka.tools.StorageTool");
        cmd.addAll(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("formatting the Kafka storage failed:\n" + Files.readString(dir.resolve("format.log")));
        }
    }

    private void startProcess() throws Exception {
        List<String> cmd = java("kafka.Kafka");
        cmd.add(properties().toString());
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(java.lang.ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
        awaitUp(Duration.ofSeconds(300)); // a machine shared with builds has taken over two minutes
    }

    private void awaitUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        p.put("request.timeout.ms", "2000");
        p.put("default.api.timeout.ms", "2000");
        while (System.nanoTime() < deadline && process.isAlive() && !listening()) {
            Thread.sleep(100); // the admin client would log every refused connection until then
        }
        try (Admin admin = Admin.create(p)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited (" + process.exitValue() + "):\n" + tail());
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    Thread.sleep(200);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the Kafka broker did not answer within " + timeout + ":\n" + tail());
    }

    private boolean listening() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("broker.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Kills the broker at once (a link failure as the ports see it). */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts the broker again on the same ports and data; returns once it answers. */
    public void restart() throws Exception {
        kill();
        startProcess();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
