package dev.rill.layers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import dev.rill.layers.kernel.GateFunction;

/**
 * Configuration of a gated recurrent unit (GRU) layer; {@link #instantiate} creates a {@link GruLayer}.
 *
 * <p>The equations (cuDNN / PyTorch variant, reset gate applied after the recurrent product) are documented on
 * {@link GruLayer}; parameter layout on {@link GruParamInitializer}.
 *
 * <p>Usage, like DL4J's {@code LSTM}:
 * <pre>{@code
 * new GruLayerConfig.Builder().nIn(65).nOut(256)
 *         .activation(Activation.TANH)                   // candidate activation (default tanh)
 *         .gateActivationFunction(Activation.SIGMOID)    // reset/update gates (default sigmoid)
 *         .weightInit(WeightInit.XAVIER).weightInitRecurrent(WeightInit.XAVIER)
 *         .dropOut(0.8).dataFormat(RNNFormat.NCW).build();
 * }</pre>
 *
 * <p>Unlike most DL4J layers, the candidate activation defaults to tanh in the builder, so a network-wide
 * {@code .activation(...)} on {@code NeuralNetConfiguration.Builder} does not change it; set it on this builder.
 * Biases default to 0 (DL4J's global {@code biasInit}) and can be changed with {@code biasInit}.
 *
 * <p>The class name is written into saved models and JSON configurations: never rename or move it.
 */
public class GruLayerConfig extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    /** Activation of the reset and update gates; sigmoid unless configured. */
    private IActivation gateActivationFn = new ActivationSigmoid();

    /** For the builder. */
    protected GruLayerConfig(Builder builder) {
        super(builder);
        this.gateActivationFn = builder.gateActivationFn;
        initializeConstraints(builder);
    }

    /** For Jackson (JSON deserialization) only. */
    @SuppressWarnings("unused")
    private GruLayerConfig() {
    }

    /** Applies the recurrent- and input-weight constraints from the builder to the right parameter keys. */
    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        Builder b = (Builder) builder;
        addConstraints(b.getRecurrentConstraints(), GruParamInitializer.RECURRENT_WEIGHT_KEY);
        addConstraints(b.getInputWeightConstraints(), GruParamInitializer.WEIGHT_KEY);
    }

    private void addConstraints(java.util.List<LayerConstraint> list, String key) {
        if (list == null) {
            return;
        }
        if (constraints == null) {
            constraints = new ArrayList<>();
        }
        for (LayerConstraint c : list) {
            LayerConstraint c2 = c.clone();
            c2.setParams(Collections.singleton(key));
            constraints.add(c2);
        }
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("GruLayerConfig", getLayerName(), layerIndex, getNIn(), getNOut());
        // Fails here, naming the activation, rather than at the first forward pass.
        GateFunction.of(getActivationFn(), networkDataType);
        GateFunction.of(gateActivationFn, networkDataType);
        GruLayer ret = new GruLayer(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.getInstance();
    }

    /**
     * Memory estimate in array elements per example (DL4J multiplies by minibatch and data type size). The kernel's
     * buffers live outside DL4J's workspaces, as long as the layer, and hold per step: the input [nIn], outputs [H],
     * the input projections [3H] and, as doubles (counted twice), gate activations [3H], P_n and the outputs again
     * [2H]; training adds dL/dP [3H], dL/dh [H] and dL/dx [nIn]. They are reported as working memory of the pass
     * that fills them.
     */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long nIn = getNIn();
        long h = getNOut();
        long t = inputType instanceof InputType.InputTypeRecurrent
                ? Math.max(1, ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength()) : 1;
        long numParams = initializer().numParams(this);
        long updaterStateSize = getIUpdater() == null ? 0 : (long) getIUpdater().stateSize(numParams);
        long fwdWorking = t * (nIn + h + 3 * h + 2 * (3 * h + 2 * h));
        long trainWorking = fwdWorking + t * (3 * h + h + nIn);
        return new LayerMemoryReport.Builder(layerName, GruLayerConfig.class, inputType, outputType)
                .standardMemory(numParams, updaterStateSize)
                .workingMemory(0, fwdWorking, 0, trainWorking)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** @return activation of the reset and update gates (default sigmoid) */
    public IActivation getGateActivationFn() {
        return gateActivationFn;
    }

    /** @param gateActivationFn activation of the reset and update gates */
    public void setGateActivationFn(IActivation gateActivationFn) {
        this.gateActivationFn = gateActivationFn;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GruLayerConfig) || !super.equals(o)) {
            return false;
        }
        return Objects.equals(gateActivationFn, ((GruLayerConfig) o).gateActivationFn);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof GruLayerConfig;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(gateActivationFn);
    }

    @Override
    public String toString() {
        return "GruLayerConfig(super=" + super.toString() + ", gateActivationFn=" + gateActivationFn + ")";
    }

    /**
     * Builder for {@link GruLayerConfig}. Besides this class's {@link #gateActivationFunction} it offers everything
     * of DL4J's recurrent layer builders: {@code nIn}, {@code nOut}, {@code activation} (candidate activation,
     * default tanh), {@code weightInit}, {@code weightInitRecurrent}, {@code biasInit}, {@code dropOut},
     * {@code dataFormat}, {@code constrainRecurrent}, {@code constrainInputWeights}, regularization and updaters.
     */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        private IActivation gateActivationFn = new ActivationSigmoid();

        /** Creates a builder whose candidate activation is tanh and gate activation sigmoid. */
        public Builder() {
            this.activationFn = new ActivationTanH();
        }

        /** @param gateActivationFn activation of the reset and update gates, e.g. "sigmoid" */
        public Builder gateActivationFunction(String gateActivationFn) {
            return gateActivationFunction(Activation.fromString(gateActivationFn));
        }

        /** @param gateActivationFn activation of the reset and update gates */
        public Builder gateActivationFunction(Activation gateActivationFn) {
            return gateActivationFunction(gateActivationFn.getActivationFunction());
        }

        /** @param gateActivationFn activation of the reset and update gates */
        public Builder gateActivationFunction(IActivation gateActivationFn) {
            this.gateActivationFn = Objects.requireNonNull(gateActivationFn, "gateActivationFn");
            return this;
        }

        @Override
        public GruLayerConfig build() {
            return new GruLayerConfig(this);
        }
    }
}
