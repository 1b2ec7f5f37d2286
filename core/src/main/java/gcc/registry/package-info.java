/**
 * The registry as the verifier sees it: a fixed-layout {@link gcc.registry.ReportRecord} per
 * report, looked up without allocation, and the events (register, revise, suspend, reinstate,
 * revoke) whose ordered application defines every record. Storage lives elsewhere.
 */
package gcc.registry;
