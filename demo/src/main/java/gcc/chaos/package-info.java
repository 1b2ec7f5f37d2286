/**
 * The chaos harness behind {@code scripts/chaos}: real gate servers in child JVMs killed with
 * SIGKILL under load, on full disks and over a damaged index, and what survived checked.
 */
package gcc.chaos;
