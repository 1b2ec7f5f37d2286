/**
 * Progress of long work (registry import, rebuild, index check, bench data sets, load-test
 * provisioning and phases) shown the same way everywhere. A leaf: it imports nothing of ours.
 */
package gcc.progress;
