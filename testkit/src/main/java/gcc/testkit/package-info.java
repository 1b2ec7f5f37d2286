/**
 * Fixtures shared by the tests of every module, the benchmarks, the load test and the demo: a
 * deterministic world of keys, trust list, policy and registry; reports as a lab writes them; a
 * forger's edit of a code; a description of the machine a figure was measured on.
 */
package gcc.testkit;
