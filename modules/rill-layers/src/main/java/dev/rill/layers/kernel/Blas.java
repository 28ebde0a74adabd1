package dev.rill.layers.kernel;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.common.base.Preconditions;

/**
 * Matrix products straight through CBLAS, the library ND4J itself calls for {@code gemm} on the CPU (OpenBLAS, or
 * MKL when JavaCPP is told to load {@code mkl_rt} in its place). Going direct skips ND4J's per-call shape checks,
 * views and op objects, which cost more than a small product inside a time loop.
 */
public final class Blas {

    private Blas() {
    }

    /**
     * C = op(A)·op(B) + beta·C.
     *
     * @param beta 0 overwrites C, 1 accumulates into it
     */
    public static void gemm(Matrix a, Matrix b, Matrix c, double beta) {
        int m = a.opRows();
        int k = a.opCols();
        int n = b.opCols();
        Preconditions.checkArgument(b.opRows() == k && c.opRows() == m && c.opCols() == n && !c.transposed(),
                "gemm shapes do not fit: [%s,%s] x [%s,%s] -> [%s,%s]", m, k, b.opRows(), n, c.opRows(), c.opCols());
        Preconditions.checkArgument(a.isDouble() == b.isDouble() && b.isDouble() == c.isDouble(), "gemm operands mix float and double");
        if (m == 0 || n == 0) {
            return;
        }
        int transA = a.transposed() ? CblasTrans : CblasNoTrans;
        int transB = b.transposed() ? CblasTrans : CblasNoTrans;
        if (c.isDouble()) {
            cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, 1.0, (DoublePointer) a.start(), a.ld(),
                    (DoublePointer) b.start(), b.ld(), beta, (DoublePointer) c.start(), c.ld());
        } else {
            cblas_sgemm(CblasRowMajor, transA, transB, m, n, k, 1f, (FloatPointer) a.start(), a.ld(),
                    (FloatPointer) b.start(), b.ld(), (float) beta, (FloatPointer) c.start(), c.ld());
        }
    }
}
