package dev.rill.layers.kernel;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small arrays (biases, carried states) between ND4J and Java without ND4J ops. Every ND4J view, cast or dup
 * allocates a native shape descriptor; at a minibatch of one (generation, one sentence), those, not the arithmetic,
 * are most of a layer's time.
 */
final class NativeArrays {

    private NativeArrays() {
    }

    /** Copies all elements of {@code a}, in 'c' order, into {@code dst} from index 0. */
    static void read(INDArray a, double[] dst) {
        int n = (int) a.length();
        INDArray c = isPlain(a) ? a : a.dup('c');
        Pointer p = c.data().addressPointer();
        if (c.dataType() == DataType.DOUBLE) {
            new DoublePointer(p).get(dst, 0, n);
        } else if (c.dataType() == DataType.FLOAT) {
            float[] f = new float[n];
            new FloatPointer(p).get(f, 0, n);
            for (int i = 0; i < n; i++) {
                dst[i] = f[i];
            }
        } else {
            double[] d = c.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            System.arraycopy(d, 0, dst, 0, n);
        }
    }

    /** A new array of {@code shape} ('c' order, outside any workspace) holding {@code src[from ...]}. */
    static INDArray detached(DataType type, double[] src, int from, long... shape) {
        INDArray a;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            a = Nd4j.createUninitialized(type, shape, 'c');
        }
        int n = (int) a.length();
        Pointer p = a.data().addressPointer();
        if (type == DataType.DOUBLE) {
            new DoublePointer(p).put(src, from, n);
        } else {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) src[from + i];
            }
            new FloatPointer(p).put(f, 0, n);
        }
        return a;
    }

    /** Contiguous in 'c' order and FLOAT or DOUBLE: its buffer's address is its first element, then the rest in order. */
    private static boolean isPlain(INDArray a) {
        return (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE) && Shape.hasDefaultStridesForShape(a)
                && (a.ordering() == 'c' || a.isVectorOrScalar());
    }
}
