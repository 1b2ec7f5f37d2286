/**
 * Time without surprises: calendar arithmetic on epoch-day numbers without allocation, for the
 * decision hot path, and the one parser of the time bounds people type into audit queries.
 */
package gcc.time;
