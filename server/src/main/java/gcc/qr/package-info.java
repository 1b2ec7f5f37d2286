/** QR symbols for clearance codes: PNG images at error-correction level M, and reading them back. */
package gcc.qr;
