package dev.rill.engine.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.rill.config.CellType;
import dev.rill.engine.Json;
import dev.rill.layers.kernel.KernelThreads;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one benchmark measurement and prints its result as one line {@code RESULT {json}} on stdout. {@code rill bench
 * throughput} starts one JVM per measurement, because ND4J and the BLAS library read OMP_NUM_THREADS once, at startup.
 *
 * <pre>
 *   BenchWorker train TASK CELL WARMUP ITERATIONS     {"tokens_per_s", "gflops", "seconds", "cpu_seconds", "main_cpu_seconds", "timed_start_ms", ...}
 *   BenchWorker generate CELL WARMUP CHARS             {"chars_per_s", ...}
 *   BenchWorker classify CELL WARMUP SENTENCES         {"p50_ms", "p99_ms", ...}
 * </pre>
 */
public final class BenchWorker {

    /** Prefix of the result line (libnd4j prints its build banner on stdout too). */
    public static final String RESULT = "RESULT ";

    private BenchWorker() {
    }

    public static void main(String[] args) throws Exception {
        KernelThreads.configure(KernelThreads.fromEnvironment());
        Map<String, Object> result = new LinkedHashMap<>();
        switch (args[0]) {
            case "train" -> {
                var r = TrainingThroughput.measure(BenchTask.named(args[1]), cell(args[2]),
                        Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                result.put("tokens_per_s", r.tokensPerSecond());
                result.put("gflops", r.gflops());
                result.put("seconds", r.seconds());
                result.put("cpu_seconds", r.cpuSeconds());
                result.put("main_cpu_seconds", r.mainCpuSeconds());
                // The timed window, for a profiler recording this JVM (rill bench throughput --profile).
                long end = System.currentTimeMillis();
                result.put("timed_start_ms", end - Math.round(r.seconds() * 1000));
                result.put("timed_end_ms", end);
                result.put("thread", Thread.currentThread().getName());
            }
            case "generate" -> result.put("chars_per_s",
                    InferenceSpeed.generationCharsPerSecond(cell(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3])));
            case "classify" -> {
                double[] p = InferenceSpeed.classificationLatencyMillis(cell(args[1]), Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]));
                result.put("p50_ms", p[0]);
                result.put("p99_ms", p[1]);
            }
            default -> throw new IllegalArgumentException("unknown measurement " + args[0]);
        }
        result.put("blas", Nd4j.factory().blas().getBlasVendor().toString());
        result.put("threads", System.getenv("OMP_NUM_THREADS"));
        System.out.println(RESULT + Json.compact(result));
        System.out.flush();
        System.exit(0);   // ND4J's native threads would otherwise keep the JVM up for a while
    }

    private static CellType cell(String name) {
        for (CellType c : CellType.values()) {
            if (c.yamlName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown cell '" + name + "'");
    }
}
