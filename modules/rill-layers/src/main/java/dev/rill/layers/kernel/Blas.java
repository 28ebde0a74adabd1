package dev.rill.layers.kernel;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.common.base.Preconditions;

/**
 * Matrix products straight through CBLAS, the library ND4J itself calls for {@code gemm} on the CPU (OpenBLAS, or
 * MKL when JavaCPP is told to load {@code mkl_rt} in its place). Going direct skips ND4J's per-call shape checks,
 * views and op objects, which cost more than a small product inside a time loop.
 *
 * <p>A product with one row or one column (a minibatch of one: generation, classifying a single sentence) goes to
 * gemv: OpenBLAS 0.3.19's gemm packs the whole weight matrix even then, and took 165 µs for [1,256]x[256,1024]
 * where gemv takes 16 µs (one core, measured).
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
        if (m == 1) {
            // C[1,n] = a·op(B) is the vector product op(B)ᵀ·a.
            gemv(b.t(), a, a.transposed() ? a.ld() : 1, c, 1, beta);
            return;
        }
        if (n == 1) {
            // C[m,1] = op(A)·b; C's column and b's column are strided by their leading dimensions.
            gemv(a, b, b.transposed() ? 1 : b.ld(), c, c.ld(), beta);
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

    /** y = op(A)·x + beta·y, with x and y read with strides incX and incY. */
    private static void gemv(Matrix a, Matrix x, int incX, Matrix y, int incY, double beta) {
        int trans = a.transposed() ? CblasTrans : CblasNoTrans;
        if (y.isDouble()) {
            cblas_dgemv(CblasRowMajor, trans, a.rows(), a.cols(), 1.0, (DoublePointer) a.start(), a.ld(),
                    (DoublePointer) x.start(), incX, beta, (DoublePointer) y.start(), incY);
        } else {
            cblas_sgemv(CblasRowMajor, trans, a.rows(), a.cols(), 1f, (FloatPointer) a.start(), a.ld(),
                    (FloatPointer) x.start(), incX, (float) beta, (FloatPointer) y.start(), incY);
        }
    }
}
