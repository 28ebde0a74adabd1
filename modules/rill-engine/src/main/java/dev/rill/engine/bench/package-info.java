/**
 * Speed measurements of Rill's networks on the peer benchmark's standard cases ({@link dev.rill.engine.bench.BenchTask}):
 * training tokens/s ({@link dev.rill.engine.bench.TrainingThroughput}), generation and classification speed
 * ({@link dev.rill.engine.bench.InferenceSpeed}), each run in a JVM of its own by
 * {@link dev.rill.engine.bench.BenchWorker} for {@code rill bench throughput}.
 */
package dev.rill.engine.bench;
