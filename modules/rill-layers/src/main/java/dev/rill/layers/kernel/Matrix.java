package dev.rill.layers.kernel;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.common.base.Preconditions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * A row-major matrix in native memory as BLAS sees it: where it starts, its shape, its row stride, and whether a
 * product should read it transposed. Making one allocates no native memory, so the time loops can describe the
 * block of a time step without creating ND4J views (which cost about as much as a small element-wise op each).
 *
 * @param base       start of the buffer holding the matrix ({@link FloatPointer} or {@link DoublePointer})
 * @param offset     element offset of the first entry from {@code base}
 * @param rows       rows as stored
 * @param cols       columns as stored
 * @param ld         elements between the starts of two rows (&gt;= cols)
 * @param transposed whether products use the transpose
 */
public record Matrix(Pointer base, long offset, int rows, int cols, int ld, boolean transposed) {

    /** A stored row-major matrix, read as it is. */
    public static Matrix of(Pointer base, long offset, int rows, int cols) {
        return new Matrix(base, offset, rows, cols, cols, false);
    }

    /**
     * A DL4J weight matrix. Rill's and DL4J's recurrent layers keep weights [in, out] in 'f' (column-major) order,
     * which is the row-major matrix [out, in]: the weight itself is that matrix transposed.
     *
     * @param weights contiguous 'f'-ordered [in, out] array
     */
    public static Matrix weights(INDArray weights) {
        Preconditions.checkArgument(weights.rank() == 2 && weights.ordering() == 'f' && Shape.hasDefaultStridesForShape(weights),
                "weights must be a contiguous 'f'-ordered matrix, got %ndShape", weights);
        return new Matrix(pointer(weights), 0, (int) weights.size(1), (int) weights.size(0), (int) weights.size(0), true);
    }

    /**
     * The gradient view of a DL4J weight matrix ([in, out], 'f'), as the row-major matrix [out, in] a product
     * writes: to store dW, write dWᵀ into it.
     */
    public static Matrix weightGradientTransposed(INDArray gradient) {
        Preconditions.checkArgument(gradient.rank() == 2 && gradient.ordering() == 'f' && Shape.hasDefaultStridesForShape(gradient),
                "gradient view must be a contiguous 'f'-ordered matrix, got %ndShape", gradient);
        return of(pointer(gradient), 0, (int) gradient.size(1), (int) gradient.size(0));
    }

    /** The same memory read transposed. */
    public Matrix t() {
        return new Matrix(base, offset, rows, cols, ld, !transposed);
    }

    /** Rows as a product sees them. */
    public int opRows() {
        return transposed ? cols : rows;
    }

    /** Columns as a product sees them. */
    public int opCols() {
        return transposed ? rows : cols;
    }

    /** Whether the matrix holds doubles (otherwise floats). */
    public boolean isDouble() {
        return base instanceof DoublePointer;
    }

    /** A pointer to the first entry; a new object, so two operands in one buffer never share a position. */
    Pointer start() {
        return isDouble() ? new DoublePointer(base).position(base.position() + offset)
                : new FloatPointer(base).position(base.position() + offset);
    }

    /** The native address of an array's first element (ND4J's buffer of a view already starts at the view). */
    static Pointer pointer(INDArray array) {
        DataType type = array.dataType();
        Preconditions.checkArgument(type == DataType.FLOAT || type == DataType.DOUBLE,
                "Rill's recurrent kernels compute in FLOAT or DOUBLE, got %s", type);
        return array.data().addressPointer();
    }
}
