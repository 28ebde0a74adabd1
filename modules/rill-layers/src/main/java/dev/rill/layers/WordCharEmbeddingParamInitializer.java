package dev.rill.layers;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Creates and slices the parameters of a {@link WordCharEmbeddingConfig} layer.
 *
 * <p>The layer's flat parameter vector holds, in this order, all in 'c' order:
 * <ol>
 *   <li>{@value #WORD_EMBEDDING_KEY}: word embedding table, shape [nWords, wordDim], row = word id;</li>
 *   <li>{@value #CHAR_EMBEDDING_KEY}: character embedding table, shape [nChars, charDim], row = character id
 *       (row 0 belongs to the padding id and is never used);</li>
 *   <li>{@value #KERNEL_KEY}: convolution kernel, shape [width * charDim, filters]; row {@code j * charDim + d} is
 *       window offset j (0 = leftmost), character-embedding dimension d;</li>
 *   <li>{@value #BIAS_KEY}: convolution bias, shape [1, filters].</li>
 * </ol>
 * The keys and this layout are stored in saved models: do not change them.
 *
 * <p>Initialisation uses the layer's weightInit for the three weight arrays and biasInit (0 by default) for the
 * bias. An embedding lookup is the product of a one-hot vector with the table, so each output sees one input: the
 * tables are initialised with fan-in 1 and fan-out = embedding size, which keeps their scale independent of the
 * vocabulary size (with NORMAL this is N(0, 1), PyTorch's {@code nn.Embedding} default). The kernel has the fan-in
 * and fan-out of a dense layer over one window: width * charDim and filters.
 */
public final class WordCharEmbeddingParamInitializer implements ParamInitializer {

    /** Key of the word embedding table [nWords, wordDim]. */
    public static final String WORD_EMBEDDING_KEY = "W";
    /** Key of the character embedding table [nChars, charDim]. */
    public static final String CHAR_EMBEDDING_KEY = "C";
    /** Key of the convolution kernel [width * charDim, filters]. */
    public static final String KERNEL_KEY = "K";
    /** Key of the convolution bias [1, filters]. */
    public static final String BIAS_KEY = "b";

    private static final WordCharEmbeddingParamInitializer INSTANCE = new WordCharEmbeddingParamInitializer();

    private static final List<String> PARAM_KEYS = Collections.unmodifiableList(
            Arrays.asList(WORD_EMBEDDING_KEY, CHAR_EMBEDDING_KEY, KERNEL_KEY, BIAS_KEY));
    private static final List<String> WEIGHT_KEYS = Collections.unmodifiableList(
            Arrays.asList(WORD_EMBEDDING_KEY, CHAR_EMBEDDING_KEY, KERNEL_KEY));
    private static final List<String> BIAS_KEYS = Collections.singletonList(BIAS_KEY);

    /** @return the shared, stateless instance */
    public static WordCharEmbeddingParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        WordCharEmbeddingConfig c = (WordCharEmbeddingConfig) layer;
        return (long) c.getNWords() * c.getWordDim() + (long) c.getNChars() * c.getCharDim()
                + (long) c.getWidth() * c.getCharDim() * c.getFilters() + c.getFilters();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return PARAM_KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return WEIGHT_KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return BIAS_KEYS;
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEYS.contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEYS.contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        WordCharEmbeddingConfig c = (WordCharEmbeddingConfig) conf.getLayer();
        Map<String, INDArray> m = views(paramsView, c);
        if (initializeParams) {
            IWeightInit init = c.getWeightInitFn();
            long windowIn = (long) c.getWidth() * c.getCharDim();
            init.init(1, c.getWordDim(), m.get(WORD_EMBEDDING_KEY).shape(), 'c', m.get(WORD_EMBEDDING_KEY));
            init.init(1, c.getCharDim(), m.get(CHAR_EMBEDDING_KEY).shape(), 'c', m.get(CHAR_EMBEDDING_KEY));
            init.init(windowIn, c.getFilters(), m.get(KERNEL_KEY).shape(), 'c', m.get(KERNEL_KEY));
            m.get(BIAS_KEY).assign(c.getBiasInit());
        }
        for (String key : PARAM_KEYS) {
            conf.addVariable(key);
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(gradientView, (WordCharEmbeddingConfig) conf.getLayer());
    }

    /** Splits a flat parameter (or gradient) vector into the four named views; all of them share its memory. */
    private static Map<String, INDArray> views(INDArray view, WordCharEmbeddingConfig c) {
        INDArray flat = view.reshape(view.length());   // [numParams]
        long[][] shapes = {
            {c.getNWords(), c.getWordDim()},                           // W [nWords, wordDim]
            {c.getNChars(), c.getCharDim()},                           // C [nChars, charDim]
            {(long) c.getWidth() * c.getCharDim(), c.getFilters()},    // K [width * charDim, filters]
            {1, c.getFilters()},                                       // b [1, filters]
        };
        Map<String, INDArray> m = new LinkedHashMap<>();
        long pos = 0;
        for (int i = 0; i < shapes.length; i++) {
            long size = shapes[i][0] * shapes[i][1];
            m.put(PARAM_KEYS.get(i), flat.get(NDArrayIndex.interval(pos, pos + size)).reshape('c', shapes[i]));
            pos += size;
        }
        return m;
    }
}
