/**
 * What both listeners share and nothing else knows: the event loops, TLS contexts, the bounded
 * worker pools and the in-flight count. Imports no other package of ours.
 */
package gcc.transport;
