package dev.rill.layers.kernel;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How Rill uses a number of cores: whether its recurrent kernels run a helper thread, and how many threads ND4J's
 * operations and BLAS get.
 *
 * <p>With OpenBLAS (ND4J's default), two or more cores turn on the kernels' helper thread ({@link StepChunks}), and
 * ND4J and BLAS get one core fewer: OpenBLAS's worker threads spin between calls and take the core the helper
 * needs. With MKL, whose threads share cores well, ND4J and BLAS get every core and there is no helper thread.
 * Measured on 2 cores, tokens/s of the lm / cls LSTM cases (busy machine, 2026-11-23, docs/benchmarks/throughput.md):
 * <pre>
 *                                  OpenBLAS          MKL
 *   one core                        9.9K / 32.7K      10.4K / 39.6K
 *   2 threads, no helper           10.3K / 29.5K      13.0K / 42.4K
 *   helper, 1 BLAS/ND4J thread     11.5K / 35.0K       9.5K / 30.2K
 * </pre>
 *
 * <p>Applications opt in with {@link #configure} ({@code rill} does, from OMP_NUM_THREADS); a program that only uses
 * the layers keeps ND4J's settings and no helper thread.
 */
public final class KernelThreads {

    private static volatile boolean helper;

    private KernelThreads() {
    }

    /** Whether the kernels do the products outside their time loops on a helper thread. */
    public static boolean helper() {
        return helper;
    }

    /** Gives Rill {@code cores} cores (at least 1), as the class comment describes. */
    public static void configure(int cores) {
        int n = Math.max(1, cores);
        Blas blas = Nd4j.factory().blas();
        boolean mkl = blas.getBlasVendor() == Blas.Vendor.MKL;
        helper = n >= 2 && !mkl;
        int pool = helper ? n - 1 : n;
        Nd4j.getEnvironment().setMaxThreads(pool);
        Nd4j.getEnvironment().setMaxMasterThreads(pool);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(pool);
        blas.setMaxThreads(pool);
    }

    /** The core budget OMP_NUM_THREADS sets (ND4J reads the same variable), or 1 when it is unset or not a number. */
    public static int fromEnvironment() {
        try {
            return Math.max(1, Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
