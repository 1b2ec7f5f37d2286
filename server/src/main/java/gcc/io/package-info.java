/**
 * Durable file replacement: write a temporary file, sync it and its directory, rename it over the
 * old one; the one way the server stores a file it tells a caller is stored.
 */
package gcc.io;
