package gcc.cluster;

import gcc.config.ServerContext;
import gcc.config.Setting;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the shared topics are and who this port is: the Kafka bootstrap servers, the topic name
 * prefix, this port's id (the audit key and the writer identity) and the staleness bound after
 * which decisions HOLD {@code REGISTRY_STALE}. Immutable; {@link #of} returns {@code null} in
 * single-port mode.
 *
 * <p>Topics: {@code PREFIX + "registry"}, {@code "trust-list"}, {@code "policy"}, {@code "audit"}.
 */
public record ClusterSettings(String bootstrap, String topicPrefix, String portId, Duration staleness) {
    private static final Pattern PORT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,100}");

    public ClusterSettings {
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (bootstrap.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are empty");
        }
        if (!PREFIX.matcher(topicPrefix).matches()) {
            throw new IllegalArgumentException("topic prefix may hold only letters, digits, '.', '_' and '-': " + topicPrefix);
        }
        if (!PORT_ID.matcher(portId).matches()) {
            throw new IllegalArgumentException("port id must be 1-32 lower-case letters, digits or '-', starting with a "
                    + "letter or digit: '" + portId + "'");
        }
        if (staleness.isNegative() || staleness.isZero()) {
            throw new IllegalArgumentException("staleness bound must be positive");
        }
    }

    /** The cluster settings of a concluded context, or {@code null} when {@code cluster.kafka.bootstrap} is empty. */
    public static ClusterSettings of(ServerContext ctx) {
        String bootstrap = ctx.get(Setting.CLUSTER_KAFKA_BOOTSTRAP);
        if (bootstrap.isEmpty()) {
            return null;
        }
        return new ClusterSettings(bootstrap, ctx.get(Setting.CLUSTER_TOPIC_PREFIX), ctx.get(Setting.CLUSTER_PORT_ID),
                Duration.ofMillis(Long.parseLong(ctx.get(Setting.CLUSTER_STALENESS_MS))));
    }

    public String registryTopic() {
        return topicPrefix + "registry";
    }

    public String trustListTopic() {
        return topicPrefix + "trust-list";
    }

    public String policyTopic() {
        return topicPrefix + "policy";
    }

    public String auditTopic() {
        return topicPrefix + "audit";
    }

    /**
     * Producer settings every writer uses: acknowledged by every in-sync replica, idempotent (a
     * retried send is stored once, in order), small linger so a single admin change is not held back.
     */
    public Properties producer(String role) {
        Properties p = common(role);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("max.in.flight.requests.per.connection", "5");
        p.put("linger.ms", "1");
        p.put("batch.size", String.valueOf(256 * 1024));
        p.put("compression.type", "lz4");
        p.put("delivery.timeout.ms", "30000");
        p.put("request.timeout.ms", "10000");
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        return p;
    }

    /** Consumer settings for a follower that assigns its partitions itself and keeps its own offsets. */
    Properties consumer(String role) {
        Properties p = common(role);
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "none");
        p.put("fetch.min.bytes", "1");
        p.put("fetch.max.wait.ms", "100");
        p.put("max.poll.records", "5000");
        p.put("max.partition.fetch.bytes", String.valueOf(8 << 20));
        p.put("default.api.timeout.ms", "2000");
        p.put("request.timeout.ms", "2000");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return p;
    }

    Properties admin(String role) {
        Properties p = common(role);
        p.put("default.api.timeout.ms", "5000");
        p.put("request.timeout.ms", "3000");
        return p;
    }

    private Properties common(String role) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("client.id", "gcc-" + portId + "-" + role);
        // Reconnect quickly when a broker returns: catching up is how staleness ends.
        p.put("reconnect.backoff.ms", "50");
        p.put("reconnect.backoff.max.ms", "1000");
        p.put("metadata.max.age.ms", "30000");
        return p;
    }
}
