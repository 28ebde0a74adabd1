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
 * <p>With {@code conditions} C &gt; 0 the layer also reads a condition at every step: input [minibatch, 2, T], channel 0
 * the token ids and channel 1 a condition index in [0, C) (e.g. the label a generator writes for), and each step's
 * output is the token's vector followed by the one-hot of its condition, [minibatch, width + C, T]. This is what DL4J's
 * {@code DuplicateToTimeSeriesVertex} and a {@code MergeVertex} do in a {@code ComputationGraph} (one input copied to
 * every step and concatenated), kept inside a {@code MultiLayerNetwork} so generators keep the language model's
 * network, training and {@code rnnTimeStep} loop. The one-hot has no parameters: the next layer's input weights learn
 * what each condition means. {@code nOut} is the output width, width + C; the table is [vocabulary, width].
 *
 * <p>The class name is written into saved models and JSON configurations: never rename or move it.
 */
public class TokenEmbeddingConfig extends EmbeddingSequenceLayer {

    private static final long serialVersionUID = 1L;

    /** Conditions read at every step (channel 1 of the input); 0 for none. Saved in the JSON (absent in older models: 0). */
    private long conditions;

    /** For Jackson (JSON deserialization) only. */
    public TokenEmbeddingConfig() {
    }

    /**
     * @param vocabulary number of ids (ids are in [0, vocabulary))
     * @param width      embedding size
     */
    public TokenEmbeddingConfig(long vocabulary, long width) {
        this(vocabulary, width, 0);
    }

    /**
     * @param vocabulary number of ids (ids are in [0, vocabulary))
     * @param width      embedding size
     * @param conditions number of conditions read beside the ids, one-hot after the embedding (0 = none)
     */
    public TokenEmbeddingConfig(long vocabulary, long width, long conditions) {
        if (conditions < 0) {
            throw new IllegalArgumentException("conditions must be >= 0, got " + conditions);
        }
        this.conditions = conditions;
        // What DL4J's EmbeddingSequenceLayer.Builder sets by default; the rest comes from the network's defaults.
        setNIn(vocabulary);
        setNOut(width + conditions);
        setHasBias(false);   // TokenEmbeddingParamInitializer has no bias
        setInferInputLength(true);
        setInputLength(1);
        setOutputFormat(RNNFormat.NCW);
        setActivationFn(new ActivationIdentity());
    }

    /** Conditions read at every step; 0 when the input is ids only. */
    public long getConditions() {
        return conditions;
    }

    /** For Jackson. */
    public void setConditions(long conditions) {
        this.conditions = conditions;
    }

    /** Width of one token's vector: the table's columns ({@code nOut} without the condition one-hot). */
    public long tokenWidth() {
        return getNOut() - conditions;
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
        return o != null && o.getClass() == getClass() && super.equals(o) && ((TokenEmbeddingConfig) o).conditions == conditions;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof TokenEmbeddingConfig;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1 + Long.hashCode(conditions);
    }
}
