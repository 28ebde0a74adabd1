package dev.rill.layers.kernel;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A flat array in ND4J memory, outside every workspace, that BLAS reads and writes through {@link Matrix} and Java
 * reads and writes element-wise as doubles. A kernel keeps one per role and reuses it for every pass; it grows
 * (the only allocation) when a pass needs more room than any before it.
 */
final class HostBuffer {

    private final DataType type;
    private INDArray array;         // [capacity], detached
    private FloatBuffer floats;     // the same memory, for FLOAT
    private DoubleBuffer doubles;   // the same memory, for DOUBLE
    private INDArray view;          // the last view() made, while array stays the same
    private float[] staging = new float[0];   // float copies go through here: a bulk copy, then a vectorized convert

    HostBuffer(DataType type) {
        this.type = type;
    }

    DataType type() {
        return type;
    }

    /** Makes room for at least {@code length} elements; contents are undefined after growing. */
    void ensure(long length) {
        if (array != null && array.length() >= length) {
            return;
        }
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a recurrent kernel buffer of " + length + " elements is too large;"
                    + " use smaller minibatches or shorter sequences");
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            array = Nd4j.createUninitialized(type, Math.max(1, length));
        }
        view = null;
        if (type == DataType.FLOAT) {
            floats = array.data().asNioFloat();
        } else {
            doubles = array.data().asNioDouble();
        }
    }

    /** The row-major matrix [rows, cols] starting at element {@code offset}. */
    Matrix matrix(long offset, int rows, int cols) {
        return Matrix.of(array.data().addressPointer(), offset, rows, cols);
    }

    /**
     * An ND4J view [d0, d1, d2] ('c' order) of the first elements, for whole-array copies in and out. The last one is
     * kept: a streaming caller asks for the same shape at every call.
     */
    INDArray view(long d0, long d1, long d2) {
        if (view == null || view.size(0) != d0 || view.size(1) != d1 || view.size(2) != d2) {
            view = array.get(NDArrayIndex.interval(0, d0 * d1 * d2)).reshape('c', d0, d1, d2);
        }
        return view;
    }

    /** Copies {@code len} elements starting at {@code from} into {@code dst[dstFrom...]}. */
    void read(long from, double[] dst, int dstFrom, int len) {
        int f = (int) from;
        if (floats != null) {
            float[] s = staging(len);
            floats.get(f, s, 0, len);
            for (int i = 0; i < len; i++) {
                dst[dstFrom + i] = s[i];
            }
        } else {
            doubles.get(f, dst, dstFrom, len);
        }
    }

    /** Copies {@code src[srcFrom...]} to {@code len} elements starting at {@code to}. */
    void write(long to, double[] src, int srcFrom, int len) {
        int f = (int) to;
        if (floats != null) {
            float[] s = staging(len);
            for (int i = 0; i < len; i++) {
                s[i] = (float) src[srcFrom + i];
            }
            floats.put(f, s, 0, len);
        } else {
            doubles.put(f, src, srcFrom, len);
        }
    }

    /**
     * Copies {@code blocks} row-major [rows, cols] blocks, starting at element {@code from}, into {@code dst} [rows,
     * cols, blocks], transposing each block. This is how a time-major buffer goes back to DL4J's [N, C, T] layout;
     * ND4J's own permuted assign into an 'f' array takes about six times as long.
     *
     * @param dst a contiguous 'f'-ordered array of this buffer's data type (anything else is copied by ND4J)
     */
    void copyBlocksTransposed(long from, int blocks, int rows, int cols, INDArray dst) {
        if (dst.ordering() != 'f' || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(dst) || dst.dataType() != type) {
            dst.assign(array.get(NDArrayIndex.interval(from, from + (long) blocks * rows * cols))
                    .reshape('c', blocks, rows, cols).permute(1, 2, 0));
            return;
        }
        int block = rows * cols;
        org.bytedeco.javacpp.Pointer base = dst.data().addressPointer();
        if (floats != null) {
            FloatBuffer out = new org.bytedeco.javacpp.FloatPointer(base).limit(base.position() + (long) blocks * block).asBuffer();
            float[] in = new float[block];
            float[] t = new float[block];
            for (int b = 0; b < blocks; b++) {
                floats.get((int) (from + (long) b * block), in, 0, block);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        t[c * rows + r] = in[r * cols + c];
                    }
                }
                out.put(b * block, t, 0, block);
            }
        } else {
            DoubleBuffer out = new org.bytedeco.javacpp.DoublePointer(base).limit(base.position() + (long) blocks * block).asBuffer();
            double[] in = new double[block];
            double[] t = new double[block];
            for (int b = 0; b < blocks; b++) {
                doubles.get((int) (from + (long) b * block), in, 0, block);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        t[c * rows + r] = in[r * cols + c];
                    }
                }
                out.put(b * block, t, 0, block);
            }
        }
    }

    private float[] staging(int len) {
        if (staging.length < len) {
            staging = new float[len];
        }
        return staging;
    }

    /** Sets {@code len} elements starting at {@code from} to zero. */
    void zero(long from, int len) {
        int f = (int) from;
        for (int i = 0; i < len; i++) {
            if (floats != null) {
                floats.put(f + i, 0f);
            } else {
                doubles.put(f + i, 0.0);
            }
        }
    }
}
