/** Checked reads of fields from the JSON files people edit (reports, policy, trust-list sources). */
package gcc.json;
