/**
 * The verify path: memo probe (allocation-free), signature check on a miss, then the release
 * rules; {@link gcc.verify.Verifier} ties them together for the gate, the HTTP API and the CLI.
 */
package gcc.verify;
