/**
 * The HTTP API on Netty's HTTP codec: pre-validation for forwarders, report lookup, the admin
 * API for labs and regulators, Prometheus metrics, health and readiness. JSON in and out; errors
 * are JSON with a 4xx/5xx status and a message.
 */
package gcc.http;
