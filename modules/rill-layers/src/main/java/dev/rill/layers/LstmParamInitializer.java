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
 * Creates and slices the parameters of an {@link LstmLayerConfig} layer, in exactly the layout of DL4J's
 * {@code LSTMParamInitializer}, so a flat parameter vector of either layer fits the other.
 *
 * <p>The layer's flat parameter vector holds, in this order:
 * <ol>
 *   <li>{@value #WEIGHT_KEY}: input weights W, shape [nIn, 4H], 'f' order, column blocks z | f | o | i;</li>
 *   <li>{@value #RECURRENT_WEIGHT_KEY}: recurrent weights U, shape [H, 4H], 'f' order, same blocks;</li>
 *   <li>{@value #BIAS_KEY}: bias, shape [4H] (a vector, as in DL4J), same blocks.</li>
 * </ol>
 * z is the cell input, f the forget gate, o the output gate, i the input gate (DL4J calls the blocks "input,
 * forget, output, input modulation"). H is the layer's nOut. The keys and layout are stored in saved models.
 *
 * <p>Initialisation repeats DL4J's step for step (each weight matrix whole, with fan-in H and fan-out nIn + H, W
 * before U), so the same seed gives the same weights as DL4J's LSTM. The forget gate bias starts at
 * {@code forgetGateBiasInit}, the other biases at {@code biasInit}.
 */
public final class LstmParamInitializer implements ParamInitializer {

    /** Key of the input weights W [nIn, 4H]. */
    public static final String WEIGHT_KEY = "W";
    /** Key of the recurrent weights U [H, 4H]. */
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    /** Key of the bias [4H]. */
    public static final String BIAS_KEY = "b";

    /** Number of gate blocks (z, f, o, i) in every parameter array. */
    public static final int GATES = 4;

    private static final LstmParamInitializer INSTANCE = new LstmParamInitializer();

    private static final List<String> PARAM_KEYS =
            Collections.unmodifiableList(Arrays.asList(WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY));
    private static final List<String> WEIGHT_KEYS =
            Collections.unmodifiableList(Arrays.asList(WEIGHT_KEY, RECURRENT_WEIGHT_KEY));
    private static final List<String> BIAS_KEYS = Collections.singletonList(BIAS_KEY);

    /** @return the shared, stateless instance */
    public static LstmParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        LstmLayerConfig c = (LstmLayerConfig) layer;
        long nIn = c.getNIn();
        long h = c.getNOut();
        return nIn * GATES * h + h * GATES * h + GATES * h;
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
        LstmLayerConfig c = (LstmLayerConfig) conf.getLayer();
        long nIn = c.getNIn();
        long h = c.getNOut();
        Map<String, INDArray> m = views(paramsView, nIn, h);

        if (initializeParams) {
            IWeightInit inputInit = c.getWeightInitFn();
            IWeightInit recurrentInit = c.getWeightInitFnRecurrent() != null ? c.getWeightInitFnRecurrent() : inputInit;
            // DL4J's LSTM uses these fans for both matrices; kept so that seeds give DL4J's weights.
            double fanIn = h;
            double fanOut = nIn + h;
            inputInit.init(fanIn, fanOut, new long[] {nIn, GATES * h}, 'f', m.get(WEIGHT_KEY));
            recurrentInit.init(fanIn, fanOut, new long[] {h, GATES * h}, 'f', m.get(RECURRENT_WEIGHT_KEY));
            INDArray b = m.get(BIAS_KEY);
            b.assign(c.getBiasInit());
            b.get(NDArrayIndex.interval(h, 2 * h)).assign(c.getForgetGateBiasInit());
        }

        for (String key : PARAM_KEYS) {
            conf.addVariable(key);
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        LstmLayerConfig c = (LstmLayerConfig) conf.getLayer();
        return views(gradientView, c.getNIn(), c.getNOut());
    }

    /** Splits a flat parameter (or gradient) vector into the three named views; all of them share its memory. */
    private static Map<String, INDArray> views(INDArray view, long nIn, long h) {
        INDArray flat = view.reshape(view.length());   // [numParams]
        long gh = GATES * h;
        long pos = 0;
        INDArray w = flat.get(NDArrayIndex.interval(pos, pos + nIn * gh)).reshape('f', nIn, gh);   // [nIn, 4H]
        pos += nIn * gh;
        INDArray rw = flat.get(NDArrayIndex.interval(pos, pos + h * gh)).reshape('f', h, gh);      // [H, 4H]
        pos += h * gh;
        INDArray b = flat.get(NDArrayIndex.interval(pos, pos + gh));                               // [4H]

        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WEIGHT_KEY, w);
        m.put(RECURRENT_WEIGHT_KEY, rw);
        m.put(BIAS_KEY, b);
        return m;
    }
}
