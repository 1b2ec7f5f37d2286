/**
 * Operational state as counters and latency histograms, written on the hot path without
 * allocation or locks and rendered in Prometheus text format only when scraped.
 */
package gcc.metrics;
