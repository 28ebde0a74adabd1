package dev.rill.layers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameter of a {@link TokenEmbeddingConfig} layer: {@value #WEIGHT_KEY}, the table [vocabulary, width] in 'c'
 * order, so the vector of one id is one contiguous row and a lookup or a gradient update is one block copy (DL4J's
 * embedding keeps the table in 'f' order, where a row is strided by the vocabulary size). Initialised as DL4J
 * initialises embeddings: the layer's weight init with fan-in 1 and fan-out width. The key and layout are stored in
 * saved models.
 */
public final class TokenEmbeddingParamInitializer implements ParamInitializer {

    /** Key of the table [vocabulary, width]. */
    public static final String WEIGHT_KEY = "W";

    private static final TokenEmbeddingParamInitializer INSTANCE = new TokenEmbeddingParamInitializer();
    private static final List<String> KEYS = Collections.singletonList(WEIGHT_KEY);

    /** @return the shared, stateless instance */
    public static TokenEmbeddingParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        TokenEmbeddingConfig c = (TokenEmbeddingConfig) layer;
        return c.getNIn() * c.tokenWidth();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        TokenEmbeddingConfig c = (TokenEmbeddingConfig) conf.getLayer();
        INDArray w = table(paramsView, c);
        if (initializeParams) {
            c.getWeightInitFn().init(1, c.tokenWidth(), new long[] {c.getNIn(), c.tokenWidth()}, 'c', w);
        }
        conf.addVariable(WEIGHT_KEY);
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WEIGHT_KEY, w);
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WEIGHT_KEY, table(gradientView, (TokenEmbeddingConfig) conf.getLayer()));
        return m;
    }

    private static INDArray table(INDArray flat, TokenEmbeddingConfig c) {
        return flat.reshape(flat.length()).reshape('c', c.getNIn(), c.tokenWidth());   // [vocabulary, width]
    }
}
