/**
 * The parts of {@code gatectl} where the server meets the gate SDK: the demos behind
 * {@code scripts/demo} and {@code gatectl verify --server}. The server module does not depend on
 * the client; this module depends on both and plugs in through {@link gcc.cli.GateCtlExtension}
 * and {@link gcc.cli.RemoteVerifier}.
 */
package gcc.demo;
