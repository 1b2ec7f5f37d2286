/** Calendar arithmetic on epoch-day numbers without allocation, for the decision hot path. */
package gcc.time;
