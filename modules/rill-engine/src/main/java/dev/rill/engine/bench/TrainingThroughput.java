package dev.rill.engine.bench;

import java.util.Random;

import dev.rill.config.CellType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/** Tokens per second of full training steps (forward, backward, Adam update), as the peer benchmark times them. */
public final class TrainingThroughput {

    private TrainingThroughput() {
    }

    /**
     * @param tokensPerSecond batch x steps x timed steps / seconds
     * @param gflops          achieved GFLOP/s by {@link BenchTask#flopsPerStep}
     * @param seconds         time of the timed steps
     * @param cpuSeconds      CPU time of the whole process during the timed steps: on a busy machine, tokens per
     *                        CPU second of a one-thread run show what the code does apart from waiting for a core
     * @param mainCpuSeconds  CPU time of the training thread alone (without the JIT compiler and garbage collector)
     */
    public record Result(double tokensPerSecond, double gflops, double seconds, double cpuSeconds, double mainCpuSeconds) {
    }

    /**
     * Trains the same random minibatch {@code warmup} times untimed (JIT, buffers), then {@code iterations} times timed.
     */
    public static Result measure(BenchTask task, CellType cell, int warmup, int iterations) {
        MultiLayerNetwork net = task.network(cell);
        DataSet batch = task.trainingBatch(new Random(1));
        for (int i = 0; i < warmup; i++) {
            net.fit(batch);
        }
        long cpuStart = processCpuNanos();
        long mainStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            net.fit(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        double mainCpuSeconds = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - mainStart) / 1e9;
        return new Result(task.tokensPerStep() * iterations / seconds, task.flopsPerStep(cell) * iterations / seconds / 1e9,
                seconds, cpuSeconds, mainCpuSeconds);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
