/**
 * Policy as data: the standard profile (items, groups, validity), accepted, legacy and
 * cross-recognized standards, binding rules and clock tolerance. Loaded from a file at start,
 * replaceable at run time; nothing here is a constant in code.
 */
package gcc.policy;
