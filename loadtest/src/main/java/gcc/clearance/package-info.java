/**
 * The clearance-time model: a discrete-event simulation of a port's export clearance (document
 * review, inspection, gate) with and without the green lane, checking the 40% promise at a port's
 * traffic. Scenarios are data files; see {@code docs/clearance-model.md}.
 */
package gcc.clearance;
