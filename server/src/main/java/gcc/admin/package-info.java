/**
 * Admin changes to a running node (registry changes, trust list, policy reload), each durable
 * before it is audited. Transport-free: the HTTP API routes to it.
 */
package gcc.admin;
