package dev.rill.layers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The layer of {@link TokenEmbeddingConfig}: DL4J's {@link EmbeddingSequenceLayer} with the lookup and its gradient
 * written as block copies of table rows.
 *
 * <p>Why: for a 20,000 x 128 table and 64 sentences of 50 tokens, DL4J's layer spends about 4 ms gathering rows and
 * 9 ms scattering the gradient back (ND4J's pullRows, scatterUpdate and broadcast ops, one core). Here the table is
 * row-major, so each token is one copy of a contiguous row, and the output is written time-major ([T, N, width], the
 * layout Rill's recurrent kernels read) and returned as the NCW view [N, width, T] of it.
 *
 * <p>The class name is written into saved models: never rename or move it.
 */
public class TokenEmbeddingLayer extends EmbeddingSequenceLayer {

    private static final long serialVersionUID = 1L;

    /**
     * @param conf     configuration whose layer is a {@link TokenEmbeddingConfig}
     * @param dataType network data type
     */
    public TokenEmbeddingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Ids [N, T] of the current input, 'c' order (row i is sequence i), checked against the vocabulary. */
    private int[] ids(long vocabulary) {
        Preconditions.checkState(input.rank() == 2 || (input.rank() == 3 && input.size(1) == 1),
                "TokenEmbeddingLayer expects ids [minibatch, T] or [minibatch, 1, T], got %ndShape", input);
        INDArray in = input.rank() == 3 ? input.reshape(input.size(0), input.size(2)) : input;   // [N, T]
        int[] ids = in.castTo(DataType.INT32).dup('c').data().asInt();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabulary) {
                throw new DL4JInvalidInputException("Invalid id " + ids[i] + " at position " + i + " for an embedding of "
                        + vocabulary + " rows (ids must be in [0, " + (vocabulary - 1) + "])");
            }
        }
        return ids;
    }

    /** The mask [N, T] as 'c'-ordered doubles, or null. */
    private double[] mask(long n, long t) {
        if (maskArray == null) {
            return null;
        }
        Preconditions.checkState(maskArray.rank() == 2 && maskArray.size(0) == n && maskArray.size(1) == t,
                "mask must be [minibatch, T] = [%s, %s], got %ndShape", n, t, maskArray);
        return maskArray.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray table = rowMajor(getParamWithNoise(TokenEmbeddingParamInitializer.WEIGHT_KEY, training, workspaceMgr));
        int vocabulary = (int) table.size(0);
        int width = (int) table.size(1);
        int[] ids = ids(vocabulary);
        int n = (int) input.size(0);
        int t = ids.length / n;
        if (layerConf().isInferInputLength()) {
            layerConf().setInputLength(t);
        }
        double[] mask = mask(n, t);

        INDArray timeMajor = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {t, n, width}, 'c');
        Rows src = new Rows(table, width);
        Rows dst = new Rows(timeMajor, width);
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < n; i++) {
                dst.copyFrom(s * n + i, src, ids[i * t + s], mask == null ? 1.0 : mask[i * t + s]);
            }
        }
        return timeMajor.permute(1, 2, 0);   // [N, width, T]
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray gw = gradientViews.get(TokenEmbeddingParamInitializer.WEIGHT_KEY);   // [V, width], 'c'
        int vocabulary = (int) gw.size(0);
        int width = (int) gw.size(1);
        int[] ids = ids(vocabulary);
        int n = (int) input.size(0);
        int t = ids.length / n;
        double[] mask = mask(n, t);
        INDArray eps = rowMajor(epsilon.castTo(dataType).permute(2, 0, 1));   // [T, N, width]

        gw.assign(0);
        Rows grad = new Rows(gw, width);
        Rows e = new Rows(eps, width);
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < n; i++) {
                double m = mask == null ? 1.0 : mask[i * t + s];
                if (m != 0.0) {
                    grad.add(ids[i * t + s], e, s * n + i, m);
                }
            }
        }
        Gradient ret = new DefaultGradient();
        ret.gradientForVariable().put(TokenEmbeddingParamInitializer.WEIGHT_KEY, gw);
        return new Pair<>(ret, null);   // ids have no gradient
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    /** The array itself if it is 'c' ordered and contiguous, else a 'c' copy. */
    private static INDArray rowMajor(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    /** The rows of a contiguous 'c'-ordered FLOAT or DOUBLE array of {@code width} columns, in native memory. */
    private static final class Rows {
        private final FloatBuffer floats;
        private final DoubleBuffer doubles;
        private final int width;

        Rows(INDArray a, int width) {
            Preconditions.checkState(a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE,
                    "TokenEmbeddingLayer computes in FLOAT or DOUBLE, got %s", a.dataType());
            Pointer p = a.data().addressPointer();
            long end = p.position() + a.length();
            this.width = width;
            this.floats = a.dataType() == DataType.FLOAT ? new FloatPointer(p).limit(end).asBuffer() : null;
            this.doubles = a.dataType() == DataType.DOUBLE ? new DoublePointer(p).limit(end).asBuffer() : null;
        }

        /** Row {@code to} = m · row {@code from} of {@code src} (a block copy when m is 1). */
        void copyFrom(int to, Rows src, int from, double m) {
            int d = to * width;
            int f = from * width;
            if (floats != null) {
                floats.put(d, src.floats, f, width);
                if (m != 1.0) {
                    for (int k = 0; k < width; k++) {
                        floats.put(d + k, (float) (m * floats.get(d + k)));
                    }
                }
            } else {
                doubles.put(d, src.doubles, f, width);
                if (m != 1.0) {
                    for (int k = 0; k < width; k++) {
                        doubles.put(d + k, m * doubles.get(d + k));
                    }
                }
            }
        }

        /** Row {@code to} += m · row {@code from} of {@code src}. */
        void add(int to, Rows src, int from, double m) {
            int d = to * width;
            int f = from * width;
            for (int k = 0; k < width; k++) {
                if (floats != null) {
                    floats.put(d + k, (float) (floats.get(d + k) + m * src.floats.get(f + k)));
                } else {
                    doubles.put(d + k, doubles.get(d + k) + m * src.doubles.get(f + k));
                }
            }
        }
    }
}
