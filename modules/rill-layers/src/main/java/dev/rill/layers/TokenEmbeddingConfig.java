package dev.rill.layers;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a token embedding over a sequence of ids: DL4J's {@link EmbeddingSequenceLayer} configuration (its
 * fields, JSON and input handling) with Rill's layer, {@link TokenEmbeddingLayer}, which does the lookup and its
 * gradient as block copies of table rows ({@link TokenEmbeddingParamInitializer} keeps the table row-major) instead of
 * through ND4J's gather, scatter and broadcast ops.
 *
 * <p>Input ids [minibatch, 1, T] (or [minibatch, T]), output [minibatch, width, T] (NCW), no bias, identity activation;
 * with a mask, padded steps output zero and pass no gradient, as DL4J's layer does.
 *
 * <p>The class name is written into saved models and JSON configurations: never rename or move it.
 */
public class TokenEmbeddingConfig extends EmbeddingSequenceLayer {

    private static final long serialVersionUID = 1L;

    /** For Jackson (JSON deserialization) only. */
    public TokenEmbeddingConfig() {
    }

    /**
     * @param vocabulary number of ids (ids are in [0, vocabulary))
     * @param width      embedding size
     */
    public TokenEmbeddingConfig(long vocabulary, long width) {
        // What DL4J's EmbeddingSequenceLayer.Builder sets by default; the rest comes from the network's defaults.
        setNIn(vocabulary);
        setNOut(width);
        setHasBias(false);   // TokenEmbeddingParamInitializer has no bias
        setInferInputLength(true);
        setInputLength(1);
        setOutputFormat(RNNFormat.NCW);
        setActivationFn(new ActivationIdentity());
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        TokenEmbeddingLayer ret = new TokenEmbeddingLayer(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }

    @Override
    public org.deeplearning4j.nn.api.ParamInitializer initializer() {
        return TokenEmbeddingParamInitializer.getInstance();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof TokenEmbeddingConfig;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }
}
