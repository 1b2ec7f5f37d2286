/**
 * The clearance-time model: a discrete-event simulation of export clearance at one or more ports
 * (document review, inspection, gate, the green scan, rework) with and without the green lane; it
 * defines the figure the pilot's 40% refers to, sweeps the conditions, finds where 40% holds,
 * calibrates to observed records and writes JSON, PNGs and HTML. See {@code docs/clearance-model.md}.
 */
package gcc.clearance;
