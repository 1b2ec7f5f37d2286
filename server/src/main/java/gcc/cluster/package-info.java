/**
 * Kafka mode: several ports share one registry, trust list, policy and decision audit through
 * Apache Kafka topics, each port materializing the registry into its own Chronicle Map index.
 * Nothing here loads unless {@code cluster.kafka.bootstrap} is set; core never sees Kafka.
 */
package gcc.cluster;
