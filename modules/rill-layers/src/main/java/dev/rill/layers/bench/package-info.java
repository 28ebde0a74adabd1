/**
 * Manual micro-benchmarks of the recurrent layers (run with {@code main}; not unit tests, so not run by Maven).
 */
package dev.rill.layers.bench;
