/**
 * The composition root: {@link gcc.server.GateNode} opens the registry, trust list, policy and
 * audit, wires the decision recorder and the handlers, starts the gate and HTTP listeners, and
 * stops them in order. The only package that imports every feature; none imports it.
 */
package gcc.server;
