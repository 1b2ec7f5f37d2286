/**
 * The release rules of the domain brief, applied to a verified code, its registered record and a
 * declaration; every rule that fails adds its reason, so a forwarder sees the whole list.
 */
package gcc.rules;
