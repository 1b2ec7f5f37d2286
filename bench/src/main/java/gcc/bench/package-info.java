/**
 * JMH microbenchmarks of every stage of a gate decision and of its baselines, the data sets they
 * read, and the summary writer behind {@code scripts/bench}.
 */
package gcc.bench;
