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
 * Creates and slices the parameters of a {@link GruLayerConfig} layer.
 *
 * <p>The layer's flat parameter vector holds, in this order:
 * <ol>
 *   <li>{@value #WEIGHT_KEY}: input weights W, shape [nIn, 3H], 'f' order, column blocks r | z | n;</li>
 *   <li>{@value #RECURRENT_WEIGHT_KEY}: recurrent weights U, shape [H, 3H], 'f' order, column blocks r | z | n;</li>
 *   <li>{@value #BIAS_KEY}: input bias, shape [1, 3H] (PyTorch's {@code b_ih});</li>
 *   <li>{@value #RECURRENT_BIAS_KEY}: recurrent bias, shape [1, 3H] (PyTorch's {@code b_hh}).</li>
 * </ol>
 * H is the layer's nOut. The keys and this layout are stored in saved models: do not change them.
 *
 * <p>Weights are initialised one gate block at a time ([nIn, H] and [H, H], fan-in/fan-out of one gate), so
 * schemes such as XAVIER or IDENTITY give each gate the scale they would give a single dense layer, instead of a
 * scale computed for the concatenated [., 3H] matrix. Both biases are set to the layer's biasInit (0 by default).
 */
public final class GruParamInitializer implements ParamInitializer {

    /** Key of the input weights W [nIn, 3H]. */
    public static final String WEIGHT_KEY = "W";
    /** Key of the recurrent weights U [H, 3H]. */
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    /** Key of the input bias [1, 3H]. */
    public static final String BIAS_KEY = "b";
    /** Key of the recurrent bias [1, 3H]; it sits inside the reset gate product for the candidate (see {@link GruLayer}). */
    public static final String RECURRENT_BIAS_KEY = "Rb";

    /** Number of gate blocks (r, z, n) in every parameter array. */
    public static final int GATES = 3;

    private static final GruParamInitializer INSTANCE = new GruParamInitializer();

    private static final List<String> PARAM_KEYS =
            Collections.unmodifiableList(Arrays.asList(WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY, RECURRENT_BIAS_KEY));
    private static final List<String> WEIGHT_KEYS =
            Collections.unmodifiableList(Arrays.asList(WEIGHT_KEY, RECURRENT_WEIGHT_KEY));
    private static final List<String> BIAS_KEYS =
            Collections.unmodifiableList(Arrays.asList(BIAS_KEY, RECURRENT_BIAS_KEY));

    /** @return the shared, stateless instance */
    public static GruParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        GruLayerConfig c = (GruLayerConfig) layer;
        long nIn = c.getNIn();
        long h = c.getNOut();
        return nIn * GATES * h + h * GATES * h + 2 * GATES * h;
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
        GruLayerConfig c = (GruLayerConfig) conf.getLayer();
        long nIn = c.getNIn();
        long h = c.getNOut();
        Map<String, INDArray> m = views(paramsView, nIn, h);

        if (initializeParams) {
            IWeightInit inputInit = c.getWeightInitFn();
            IWeightInit recurrentInit = c.getWeightInitFnRecurrent() != null ? c.getWeightInitFnRecurrent() : inputInit;
            INDArray flat = paramsView.reshape(paramsView.length());   // [numParams], a view
            for (int g = 0; g < GATES; g++) {
                // In 'f' order a block of columns is contiguous, so gate g of W is one flat interval.
                long wStart = g * nIn * h;
                inputInit.init(nIn, h, new long[] {nIn, h}, 'f', flat.get(NDArrayIndex.interval(wStart, wStart + nIn * h)));
                long rwStart = nIn * GATES * h + g * h * h;
                recurrentInit.init(h, h, new long[] {h, h}, 'f', flat.get(NDArrayIndex.interval(rwStart, rwStart + h * h)));
            }
            m.get(BIAS_KEY).assign(c.getBiasInit());
            m.get(RECURRENT_BIAS_KEY).assign(c.getBiasInit());
        }

        for (String key : PARAM_KEYS) {
            conf.addVariable(key);
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        GruLayerConfig c = (GruLayerConfig) conf.getLayer();
        return views(gradientView, c.getNIn(), c.getNOut());
    }

    /** Splits a flat parameter (or gradient) vector into the four named views; all of them share its memory. */
    private static Map<String, INDArray> views(INDArray view, long nIn, long h) {
        INDArray flat = view.reshape(view.length());   // [numParams]
        long gh = GATES * h;
        long pos = 0;
        INDArray w = flat.get(NDArrayIndex.interval(pos, pos + nIn * gh)).reshape('f', nIn, gh);   // [nIn, 3H]
        pos += nIn * gh;
        INDArray rw = flat.get(NDArrayIndex.interval(pos, pos + h * gh)).reshape('f', h, gh);      // [H, 3H]
        pos += h * gh;
        INDArray b = flat.get(NDArrayIndex.interval(pos, pos + gh)).reshape(1, gh);                // [1, 3H]
        pos += gh;
        INDArray rb = flat.get(NDArrayIndex.interval(pos, pos + gh)).reshape(1, gh);               // [1, 3H]

        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WEIGHT_KEY, w);
        m.put(RECURRENT_WEIGHT_KEY, rw);
        m.put(BIAS_KEY, b);
        m.put(RECURRENT_BIAS_KEY, rb);
        return m;
    }
}
