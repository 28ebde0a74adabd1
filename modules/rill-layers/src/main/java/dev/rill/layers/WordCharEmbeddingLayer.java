package dev.rill.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Word embedding concatenated with character features from a one-layer character CNN with max-over-time pooling,
 * for every step of a sequence of words; configured by {@link WordCharEmbeddingConfig}.
 *
 * <h2>Equations</h2>
 * For a step with word id w and real characters c_0 .. c_{n-1} (the non-zero character ids, left-aligned), with
 * word table W [nWords, wordDim], character table C [nChars, charDim], kernel K = [K_0; ..; K_{width-1}] (K_j is
 * [charDim, filters], the rows of window offset j) and bias b [filters], half = (width - 1) / 2:
 * <pre>
 *   e_p = C[c_p] for 0 &lt;= p &lt; n, and the zero vector outside (never the row of id 0)
 *   z_p = b + Σ_j e_{p + j − half} · K_j                    for 0 &lt;= p &lt; n
 *   f   = max_{0 &lt;= p &lt; n} act(z_p)   (element-wise; act is tanh unless configured; f = 0 when n = 0)
 *   out = [ W[w] | f ]                                      shape [wordDim + filters]
 * </pre>
 * So a word's output depends only on its own id and characters, not on its neighbours or on padding.
 * The input is NCW [minibatch, 1 + maxChars, T]: channel 0 the word id, channels 1.. the character ids.
 *
 * <h2>Padding and masks</h2>
 * A step whose channels are all 0 is padding, and so is a step whose mask entry is 0: its output is zero and it
 * gets no gradient. The mask [minibatch, T] is passed on unchanged to the next layer.
 *
 * <h2>Implementation</h2>
 * The ids are read once into Java arrays, from which Java builds an index plan: one row per real character of every
 * kept step, and for each row the character id at each of its width window offsets (0 outside the word, as real
 * characters are never 0). Gathers and scatters over the small character table are Java loops on that plan: im2col
 * copies embedding rows into a matrix [rows, width * charDim], which one gemm multiplies by K; the max over each
 * word's rows, which needs the per-word row ranges, is a Java loop that also records the winning row of every
 * filter. Backward sends each feature gradient to its winning row, uses two gemms (kernel gradient and window
 * gradient), and adds the window gradients back onto the character rows they came from. The word table can be
 * large, so its rows are gathered with ND4J's {@code pullRows} and its gradient scatter-added with
 * {@code scatterUpdate}; a word or character used several times accumulates all its contributions. Values cross
 * between Java and ND4J in bulk, never per element or per word. The forward pass is recomputed in backprop, so
 * nothing is kept between calls. The gradient sent to the input is zero: the input holds ids. No dropout is applied
 * (the configuration rejects it).
 *
 * <p>The class name is written into saved models: never rename or move it.
 */
public class WordCharEmbeddingLayer extends BaseLayer<WordCharEmbeddingConfig> {

    private static final long serialVersionUID = 1L;

    /**
     * @param conf     configuration whose layer is a {@link WordCharEmbeddingConfig}
     * @param dataType network data type
     */
    public WordCharEmbeddingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    /** The mask [minibatch, T] applies to the output steps as it does to the input steps: passed on unchanged. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return new Pair<>(maskArray, currentMaskState);
    }

    /** Index plans of one minibatch, built in Java from the ids. A slot is one step: slot s = example * T + t. */
    private static final class Words {
        int slots;            // minibatch * T
        int[] wordIds;        // [slots]
        double[] keep;        // [slots]  1 for a real, unmasked step; 0 for padding or masked
        int[] rowStart;       // [slots + 1]  slot s owns rows rowStart[s] .. rowStart[s+1]-1, one per character
        int rows;             // characters of all kept steps
        int[] windowIds;      // [rows * width]  character id at (row, window offset); 0 outside the word
    }

    /** Arrays of one forward pass that backprop needs. */
    private static final class ForwardPass {
        Words words;
        INDArray windows;     // [rows, width * charDim] 'c': im2col, offset-major within a row
        INDArray pre;         // [rows, filters] pre-activations (backprop only)
        double[] features;    // [slots * filters]  max-pooled character features; 0 for slots without rows
        int[] argmax;         // [slots * filters]  row holding the max, -1 for slots without rows
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        ForwardPass fp = forward(training, false, workspaceMgr);
        WordCharEmbeddingConfig c = layerConf();
        Words w = fp.words;
        long mb = input.size(0);
        long tLen = input.size(2);
        int wordDim = c.getWordDim();
        long nOut = c.getNOut();

        INDArray rows = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType,
                new long[] {w.slots, nOut}, 'c');                                                  // [slots, nOut]
        INDArray wordTable = getParamWithNoise(WordCharEmbeddingParamInitializer.WORD_EMBEDDING_KEY, training,
                workspaceMgr);                                                                      // [nWords, wordDim]
        rows.get(all(), interval(0, wordDim)).assign(Nd4j.pullRows(wordTable, 1, w.wordIds));
        rows.get(all(), interval(wordDim, nOut)).assign(fromJava(fp.features, w.slots, c.getFilters()));
        rows.muliColumnVector(fromJava(w.keep, w.slots, 1));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {mb, nOut, tLen}, 'c');                                                  // [mb, nOut, T]
        out.assign(rows.reshape('c', mb, tLen, nOut).permute(0, 2, 1));
        return out;
    }

    private ForwardPass forward(boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
        WordCharEmbeddingConfig c = layerConf();
        if (input.rank() != 3 || input.size(1) != c.getNIn()) {
            throw new DL4JInvalidInputException(layerId() + ": expected NCW input [minibatch, 1 + maxChars = "
                    + c.getNIn() + ", T] of word and character ids, got shape " + Arrays.toString(input.shape()));
        }
        ForwardPass fp = new ForwardPass();
        fp.words = readWords();
        Words w = fp.words;
        int filters = c.getFilters();
        fp.features = new double[w.slots * filters];
        fp.argmax = new int[w.slots * filters];
        Arrays.fill(fp.argmax, -1);
        if (w.rows == 0) {
            return fp;   // no characters at all (e.g. a segment of padding): features stay 0
        }

        ArrayType work = forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.FF_WORKING_MEM;
        double[] charTable = toJava(getParamWithNoise(WordCharEmbeddingParamInitializer.CHAR_EMBEDDING_KEY, training,
                mgr));                                                                     // [nChars * charDim]
        INDArray kernel = getParamWithNoise(WordCharEmbeddingParamInitializer.KERNEL_KEY, training, mgr);
        INDArray bias = getParamWithNoise(WordCharEmbeddingParamInitializer.BIAS_KEY, training, mgr);
        int charDim = c.getCharDim();

        // im2col: window slot i = row * width + offset holds embedding row windowIds[i]; slots outside stay zero.
        double[] windows = new double[w.windowIds.length * charDim];                      // [rows * width * charDim]
        for (int i = 0; i < w.windowIds.length; i++) {
            if (w.windowIds[i] != 0) {
                System.arraycopy(charTable, w.windowIds[i] * charDim, windows, i * charDim, charDim);
            }
        }
        fp.windows = fromJava(windows, w.rows, (long) c.getWidth() * charDim);            // [rows, width * charDim]

        INDArray pre = mgr.createUninitialized(work, dataType, new long[] {w.rows, filters}, 'c');   // [rows, filters]
        Nd4j.gemm(fp.windows, kernel, pre, false, false, 1.0, 0.0);
        pre.addiRowVector(bias);
        if (forBackprop) {
            fp.pre = pre;
            pre = pre.dup();   // the activation works in place; backprop needs the pre-activations
        }
        double[] act = toJava(c.getActivationFn().getActivation(pre, training));          // [rows * filters]

        // Max over each slot's rows, remembering the winner: only it receives the feature's gradient.
        for (int s = 0; s < w.slots; s++) {
            for (int r = w.rowStart[s]; r < w.rowStart[s + 1]; r++) {
                for (int f = 0; f < filters; f++) {
                    int i = s * filters + f;
                    double v = act[r * filters + f];
                    if (fp.argmax[i] < 0 || v > fp.features[i]) {
                        fp.features[i] = v;
                        fp.argmax[i] = r;
                    }
                }
            }
        }
        return fp;
    }

    /** Reads and checks the ids of the current input and mask, and builds the index plans. */
    private Words readWords() {
        WordCharEmbeddingConfig c = layerConf();
        int mb = (int) input.size(0);
        int tLen = (int) input.size(2);
        int maxChars = c.getMaxChars();
        int channels = maxChars + 1;
        int width = c.getWidth();
        int half = (width - 1) / 2;
        double[] ids = toJava(input.permute(0, 2, 1));                                    // [mb, T, 1 + maxChars]
        double[] mask = null;
        if (maskArray != null) {
            if (maskArray.rank() != 2 || maskArray.size(0) != mb || maskArray.size(1) != tLen) {
                throw new DL4JInvalidInputException(layerId() + ": mask must have shape [minibatch, T] = [" + mb
                        + ", " + tLen + "], got " + Arrays.toString(maskArray.shape()));
            }
            mask = toJava(maskArray);                                                      // [mb, T]
        }

        Words w = new Words();
        w.slots = mb * tLen;
        w.wordIds = new int[w.slots];
        w.keep = new double[w.slots];
        w.rowStart = new int[w.slots + 1];
        int[] chars = new int[w.slots * maxChars];   // [slots * maxChars] each slot's real characters, left-aligned
        int[] lengths = new int[w.slots];
        for (int s = 0; s < w.slots; s++) {
            int base = s * channels;
            w.wordIds[s] = id(ids[base], c.getNWords(), "word id", s, tLen);
            int n = 0;
            for (int k = 0; k < maxChars; k++) {
                int ch = id(ids[base + 1 + k], c.getNChars(), "character id", s, tLen);
                if (ch != 0) {
                    if (n != k) {
                        throw new DL4JInvalidInputException(layerId() + ": character ids must be left-aligned (no"
                                + " 0 before a character), got " + Arrays.toString(Arrays.copyOfRange(ids,
                                base + 1, base + channels)) + " at example " + s / tLen + ", step " + s % tLen);
                    }
                    chars[s * maxChars + n++] = ch;
                }
            }
            boolean padding = w.wordIds[s] == 0 && n == 0;
            boolean kept = !padding && (mask == null || mask[s] != 0.0);
            w.keep[s] = kept ? 1.0 : 0.0;
            lengths[s] = kept ? n : 0;
            w.rowStart[s + 1] = w.rowStart[s] + lengths[s];
        }
        w.rows = w.rowStart[w.slots];

        w.windowIds = new int[w.rows * width];
        for (int s = 0; s < w.slots; s++) {
            for (int p = 0; p < lengths[s]; p++) {
                int r = w.rowStart[s] + p;
                for (int j = 0; j < width; j++) {
                    int q = p + j - half;
                    if (q >= 0 && q < lengths[s]) {
                        w.windowIds[r * width + j] = chars[s * maxChars + q];
                    }
                }
            }
        }
        return w;
    }

    private int id(double v, int limit, String what, int slot, int tLen) {
        if (!(v >= 0 && v < limit && v == Math.rint(v))) {
            throw new DL4JInvalidInputException(layerId() + ": " + what + " must be an integer in [0, " + limit
                    + "), got " + v + " at example " + slot / tLen + ", step " + slot % tLen);
        }
        return (int) v;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        ForwardPass fp = forward(true, true, workspaceMgr);
        WordCharEmbeddingConfig c = layerConf();
        Words w = fp.words;
        long mb = input.size(0);
        long tLen = input.size(2);
        int wordDim = c.getWordDim();
        int filters = c.getFilters();
        long nOut = c.getNOut();

        gradientsFlattened.assign(0);
        // Views of gradientsFlattened: [nWords, wordDim], [nChars, charDim], [width * charDim, filters], [1, filters].
        INDArray wordGrad = gradientViews.get(WordCharEmbeddingParamInitializer.WORD_EMBEDDING_KEY);
        INDArray charGrad = gradientViews.get(WordCharEmbeddingParamInitializer.CHAR_EMBEDDING_KEY);
        INDArray kernelGrad = gradientViews.get(WordCharEmbeddingParamInitializer.KERNEL_KEY);
        INDArray biasGrad = gradientViews.get(WordCharEmbeddingParamInitializer.BIAS_KEY);

        // dL/d(output rows), slot-major like the forward rows; padding and masked slots output 0: no gradient.
        INDArray dRows = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[] {mb, tLen, nOut}, 'c');                                                 // [mb, T, nOut]
        dRows.assign(epsilon.permute(0, 2, 1));
        dRows = dRows.reshape('c', w.slots, nOut);                                                 // [slots, nOut]
        dRows.muliColumnVector(fromJava(w.keep, w.slots, 1));

        INDArray dWordRows = dRows.get(all(), interval(0, wordDim)).dup('c');                     // [slots, wordDim]
        Nd4j.scatterUpdate(ScatterUpdate.UpdateOp.ADD, wordGrad, Nd4j.createFromArray(w.wordIds), dWordRows, 1);

        if (w.rows > 0) {
            // Each feature's gradient goes to the row that won its max; other rows get none.
            double[] dFeatures = toJava(dRows.get(all(), interval(wordDim, nOut)));              // [slots * filters]
            double[] dAct = new double[w.rows * filters];                                         // [rows * filters]
            for (int i = 0; i < fp.argmax.length; i++) {
                if (fp.argmax[i] >= 0) {
                    dAct[fp.argmax[i] * filters + i % filters] = dFeatures[i];
                }
            }
            INDArray dPre = c.getActivationFn().backprop(fp.pre, fromJava(dAct, w.rows, filters)).getFirst();
            biasGrad.assign(dPre.sum(true, 0));
            Nd4j.gemm(fp.windows, dPre, kernelGrad, true, false, 1.0, 0.0);                      // windowsᵀ · dPre
            INDArray kernel = getParamWithNoise(WordCharEmbeddingParamInitializer.KERNEL_KEY, true, workspaceMgr);
            INDArray dWindows = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                    fp.windows.shape(), 'c');                                           // [rows, width * charDim]
            Nd4j.gemm(dPre, kernel, dWindows, false, true, 1.0, 0.0);

            // Reverse of im2col: each window slot inside a word adds its gradient to the row it was copied from.
            int charDim = c.getCharDim();
            double[] dWin = toJava(dWindows);                                           // [rows * width * charDim]
            double[] dChars = new double[c.getNChars() * charDim];                      // [nChars * charDim]
            for (int i = 0; i < w.windowIds.length; i++) {
                int row = w.windowIds[i] * charDim;
                if (row != 0) {
                    for (int d = 0; d < charDim; d++) {
                        dChars[row + d] += dWin[i * charDim + d];
                    }
                }
            }
            charGrad.assign(fromJava(dChars, c.getNChars(), charDim));
        }

        weightNoiseParams.clear();
        Gradient grad = new DefaultGradient(gradientsFlattened);
        grad.gradientForVariable().put(WordCharEmbeddingParamInitializer.WORD_EMBEDDING_KEY, wordGrad);
        grad.gradientForVariable().put(WordCharEmbeddingParamInitializer.CHAR_EMBEDDING_KEY, charGrad);
        grad.gradientForVariable().put(WordCharEmbeddingParamInitializer.KERNEL_KEY, kernelGrad);
        grad.gradientForVariable().put(WordCharEmbeddingParamInitializer.BIAS_KEY, biasGrad);
        // The input holds ids: nothing upstream to differentiate, so its gradient is zero.
        INDArray epsOut = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        return new Pair<>(grad, epsOut);
    }

    /**
     * A copy of any array's values in 'c' order, as Java doubles. One native copy (cast and layout) and one bulk
     * NIO read: ND4J's per-element accessors cost far more than the arithmetic done on these values.
     */
    private static double[] toJava(INDArray a) {
        INDArray c = Nd4j.createUninitialized(DataType.DOUBLE, a.shape(), 'c').assign(a);
        double[] values = new double[(int) c.length()];
        c.data().asNioDouble().get(values);
        return values;
    }

    /** Java values as an array of the network's data type and the given shape, 'c' order; bulk copies only. */
    private INDArray fromJava(double[] values, long... shape) {
        INDArray d = Nd4j.createUninitialized(DataType.DOUBLE, shape, 'c');
        d.data().asNioDouble().put(values);
        return d.castTo(dataType);
    }
}
