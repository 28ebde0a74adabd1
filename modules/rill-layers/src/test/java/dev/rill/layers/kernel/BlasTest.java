package dev.rill.layers.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Blas#gemm} against ND4J's mmul for every transposition, including the one-row and one-column (gemv) cases. */
class BlasTest {

    static Stream<Arguments> shapes() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int[] mnk : new int[][] {{5, 7, 3}, {1, 7, 3}, {5, 1, 3}, {1, 1, 4}}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    b.add(Arguments.of(mnk[0], mnk[1], mnk[2], ta, tb));
                }
            }
        }
        return b.build();
    }

    /** A stored row-major matrix, offset by 3 elements inside a larger buffer so offsets are exercised too. */
    private static Matrix stored(INDArray buffer, int rows, int cols, boolean transposed) {
        return new Matrix(buffer.data().addressPointer(), 3, rows, cols, cols, transposed);
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("shapes")
    void product_matches_nd4j(int m, int n, int k, boolean ta, boolean tb) {
        Nd4j.getRandom().setSeed(m * 100 + n * 10 + k);
        INDArray a = Nd4j.rand(DataType.DOUBLE, m, k);   // op(A)
        INDArray bm = Nd4j.rand(DataType.DOUBLE, k, n);  // op(B)
        INDArray c0 = Nd4j.rand(DataType.DOUBLE, m, n);
        INDArray expected = a.mmul(bm).addi(c0.mul(0.5));

        INDArray aStore = ta ? a.transpose().dup('c') : a.dup('c');
        INDArray bStore = tb ? bm.transpose().dup('c') : bm.dup('c');
        INDArray aBuf = Nd4j.concat(0, Nd4j.zeros(DataType.DOUBLE, 3), aStore.reshape(-1));
        INDArray bBuf = Nd4j.concat(0, Nd4j.zeros(DataType.DOUBLE, 3), bStore.reshape(-1));
        INDArray cBuf = Nd4j.concat(0, Nd4j.zeros(DataType.DOUBLE, 3), c0.dup('c').reshape(-1));
        Blas.gemm(stored(aBuf, (int) aStore.size(0), (int) aStore.size(1), ta),
                stored(bBuf, (int) bStore.size(0), (int) bStore.size(1), tb),
                stored(cBuf, m, n, false), 0.5);

        INDArray actual = cBuf.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 3 + m * n)).reshape('c', m, n);
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), 1e-12);
    }
}
