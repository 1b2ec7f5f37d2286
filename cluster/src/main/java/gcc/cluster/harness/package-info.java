/**
 * The several-ports harness behind {@code scripts/cluster}: a local KRaft broker as a child JVM,
 * gate servers per port as child processes, and the measurements of propagation, materializing,
 * bootstrap and outage behaviour.
 */
package gcc.cluster.harness;
