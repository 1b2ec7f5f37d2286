/**
 * The gate SDK a turnstile vendor embeds: pipelined verify calls over the gate TCP protocol that
 * always end in RELEASE or HOLD, never in an exception the gate must interpret.
 */
package gcc.client;
