/**
 * The gate node: the composition root that opens the registry, trust list, policy and audit,
 * starts the gate and HTTP listeners, and stops them in order.
 */
package gcc.server;
