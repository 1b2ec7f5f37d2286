/**
 * The trust list: accredited labs, their accredited standards and signing keys, as a document
 * signed by the customs root key; and the store that accepts only newer, well-signed lists.
 */
package gcc.trust;
