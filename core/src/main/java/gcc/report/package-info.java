/**
 * The test report as a lab registers it: its document, validation, canonical bytes and digest,
 * and the exporter's Unified Social Credit Code (GB 32100).
 */
package gcc.report;
