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
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer of {@link TokenEmbeddingConfig}: DL4J's {@link EmbeddingSequenceLayer} with the lookup and its gradient
 * written as block copies of table rows.
 *
 * <p>Why: for a 20,000 x 128 table and 64 sentences of 50 tokens, DL4J's layer spends about 4 ms gathering rows and
 * 9 ms scattering the gradient back (ND4J's pullRows, scatterUpdate and broadcast ops, one core). Here the table is
 * row-major, so each token is one copy of a contiguous row, and the output is written time-major ([T, N, width], the
 * layout Rill's recurrent kernels read) and returned as the NCW view [N, width, T] of it. With conditions (see
 * {@link TokenEmbeddingConfig}) each step's row continues with the one-hot of its condition, which has no gradient.
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

    private long conditions() {
        return ((TokenEmbeddingConfig) layerConf()).getConditions();
    }

    /**
     * Channel {@code channel} of the current input as ints [N, T], 'c' order (row i is sequence i), each checked to be
     * in [0, limit): channel 0 holds the ids, channel 1 (when the layer reads conditions) the condition indexes.
     */
    private int[] channel(int channel, long limit, String what) {
        long channels = conditions() > 0 ? 2 : 1;
        Preconditions.checkState(input.rank() == 3 && input.size(1) == channels || input.rank() == 2 && channels == 1,
                channels == 1 ? "TokenEmbeddingLayer expects ids [minibatch, T] or [minibatch, 1, T], got %ndShape"
                        : "TokenEmbeddingLayer with conditions expects [minibatch, 2, T] (ids, condition), got %ndShape", input);
        INDArray in = input.rank() == 3
                ? input.get(NDArrayIndex.all(), NDArrayIndex.point(channel), NDArrayIndex.all())
                : input;   // [N, T]
        int[] values = in.castTo(DataType.INT32).dup('c').data().asInt();
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= limit) {
                throw new DL4JInvalidInputException("Invalid " + what + " " + values[i] + " at position " + i + " for an embedding of "
                        + limit + " " + what + "s (they must be in [0, " + (limit - 1) + "])");
            }
        }
        return values;
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
        int conditions = (int) conditions();
        int[] ids = channel(0, vocabulary, "id");
        int[] condition = conditions > 0 ? channel(1, conditions, "condition") : null;
        int n = (int) input.size(0);
        int t = ids.length / n;
        if (layerConf().isInferInputLength()) {
            layerConf().setInputLength(t);
        }
        double[] mask = mask(n, t);

        INDArray timeMajor = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {t, n, width + conditions}, 'c');
        Rows src = new Rows(table, width);
        Rows dst = new Rows(timeMajor, width + conditions);
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < n; i++) {
                double m = mask == null ? 1.0 : mask[i * t + s];
                dst.copyFrom(s * n + i, src, ids[i * t + s], m);
                if (condition != null) {
                    dst.oneHot(s * n + i, width, conditions, condition[i * t + s], m);
                }
            }
        }
        return timeMajor.permute(1, 2, 0);   // [N, width + C, T]
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray gw = gradientViews.get(TokenEmbeddingParamInitializer.WEIGHT_KEY);   // [V, width], 'c'
        int vocabulary = (int) gw.size(0);
        int width = (int) gw.size(1);
        int[] ids = channel(0, vocabulary, "id");
        int n = (int) input.size(0);
        int t = ids.length / n;
        double[] mask = mask(n, t);
        // [T, N, width + C]: the condition columns have no parameters, so only each row's first width entries are read.
        INDArray eps = rowMajor(epsilon.castTo(dataType).permute(2, 0, 1));

        gw.assign(0);
        Rows grad = new Rows(gw, width);
        Rows e = new Rows(eps, (int) eps.size(2));
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
        return new Pair<>(ret, null);   // ids and conditions have no gradient
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

        /** The first src.width columns of row {@code to} = m · row {@code from} of {@code src} (a block copy when m is 1). */
        void copyFrom(int to, Rows src, int from, double m) {
            int d = to * width;
            int f = from * src.width;
            int w = src.width;
            if (floats != null) {
                floats.put(d, src.floats, f, w);
                if (m != 1.0) {
                    for (int k = 0; k < w; k++) {
                        floats.put(d + k, (float) (m * floats.get(d + k)));
                    }
                }
            } else {
                doubles.put(d, src.doubles, f, w);
                if (m != 1.0) {
                    for (int k = 0; k < w; k++) {
                        doubles.put(d + k, m * doubles.get(d + k));
                    }
                }
            }
        }

        /** Columns [from, from + size) of row {@code to}: m at {@code from + hot}, 0 elsewhere. */
        void oneHot(int to, int from, int size, int hot, double m) {
            int d = to * width + from;
            for (int k = 0; k < size; k++) {
                double v = k == hot ? m : 0.0;
                if (floats != null) {
                    floats.put(d + k, (float) v);
                } else {
                    doubles.put(d + k, v);
                }
            }
        }

        /** Row {@code to} += m · the first width columns of row {@code from} of {@code src}. */
        void add(int to, Rows src, int from, double m) {
            int d = to * width;
            int f = from * src.width;
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
