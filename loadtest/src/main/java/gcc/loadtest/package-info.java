/**
 * The open-loop load harness for rollout decisions: drives a running gate server through the gate
 * SDK at a constant rate with a known-outcome scenario mix, measures latency from each request's
 * intended send time (coordinated omission corrected), runs Redis GET and bare Netty echo
 * baselines at the same rate, and reports.
 */
package gcc.loadtest;
