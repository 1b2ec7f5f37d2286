/**
 * The decision audit: every decision and admin action, appended off the event loop to a durable
 * Chronicle Queue, and queried later for post-clearance supervision ({@code gatectl audit}).
 */
package gcc.audit;
