/** {@code gatectl}: the one command line for labs, regulators, forwarders and operators. */
package gcc.cli;
