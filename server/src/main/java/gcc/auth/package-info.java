/**
 * Who is calling: credentials (bearer-token digests and client certificates) bound to a principal
 * and a role, stored in the data directory and reloaded when they change, and the per-credential
 * rate limit of forwarders. Transport-free: the HTTP API identifies callers with it.
 */
package gcc.auth;
