/**
 * Every server setting in one place: names, defaults and meaning ({@link gcc.config.Setting}),
 * and the context that is filled from file, environment and flags, then checked once.
 */
package gcc.config;
