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
 * Configuration of an LSTM layer; {@link #instantiate} creates an {@link LstmLayer}.
 *
 * <p>The gate maths and the parameter layout are DL4J's {@code LSTM} (no peepholes), so parameters can be copied
 * between the two and a network gets the same initial weights with either from the same seed; the equations are on
 * {@link dev.rill.layers.kernel.LstmKernel}, the layout on {@link LstmParamInitializer}. Unlike DL4J's LSTM, it
 * carries the state correctly through truncated BPTT and computes with Rill's fast kernel.
 *
 * <p>Usage, like DL4J's {@code LSTM}:
 * <pre>{@code
 * new LstmLayerConfig.Builder().nIn(65).nOut(256)
 *         .activation(Activation.TANH)                   // cell input and cell activation (default tanh)
 *         .gateActivationFunction(Activation.SIGMOID)    // forget, output, input gates (default sigmoid)
 *         .forgetGateBiasInit(1.0)                       // default 1, as DL4J
 *         .dropOut(0.8).dataFormat(RNNFormat.NCW).build();
 * }</pre>
 *
 * <p>The activation defaults to tanh in the builder, so a network-wide {@code .activation(...)} does not change it.
 * The other biases start at the layer's {@code biasInit} (0 by default; DL4J's LSTM always uses 0).
 *
 * <p>The class name is written into saved models and JSON configurations: never rename or move it.
 */
public class LstmLayerConfig extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    /** Activation of the forget, output and input gates; sigmoid unless configured. */
    private IActivation gateActivationFn = new ActivationSigmoid();

    /** Initial bias of the forget gate (DL4J's default 1: remember by default early in training). */
    private double forgetGateBiasInit = 1.0;

    /** For the builder. */
    protected LstmLayerConfig(Builder builder) {
        super(builder);
        this.gateActivationFn = builder.gateActivationFn;
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
        initializeConstraints(builder);
    }

    /** For Jackson (JSON deserialization) only. */
    @SuppressWarnings("unused")
    private LstmLayerConfig() {
    }

    /** Applies the recurrent- and input-weight constraints from the builder to the right parameter keys. */
    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        Builder b = (Builder) builder;
        addConstraints(b.getRecurrentConstraints(), LstmParamInitializer.RECURRENT_WEIGHT_KEY);
        addConstraints(b.getInputWeightConstraints(), LstmParamInitializer.WEIGHT_KEY);
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
        LayerValidation.assertNInNOutSet("LstmLayerConfig", getLayerName(), layerIndex, getNIn(), getNOut());
        // Fails here, naming the activation, rather than at the first forward pass.
        GateFunction.of(getActivationFn(), networkDataType);
        GateFunction.of(gateActivationFn, networkDataType);
        LstmLayer ret = new LstmLayer(conf, networkDataType);
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
        return LstmParamInitializer.getInstance();
    }

    /**
     * Memory estimate in array elements per example (DL4J multiplies by minibatch and data type size). The kernel's
     * buffers live outside DL4J's workspaces, as long as the layer, and hold per step: the input [nIn], outputs [H],
     * the gate block [4H] and, as doubles (counted twice), gate activations [4H], cells and their activations [2H];
     * training adds dL/dh [H] and dL/dx [nIn]. They are reported as working memory of the pass that fills them.
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
        long fwdWorking = t * (nIn + h + 4 * h + 2 * (4 * h + 2 * h));
        long trainWorking = fwdWorking + t * (h + nIn);
        return new LayerMemoryReport.Builder(layerName, LstmLayerConfig.class, inputType, outputType)
                .standardMemory(numParams, updaterStateSize)
                .workingMemory(0, fwdWorking, 0, trainWorking)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** @return activation of the forget, output and input gates (default sigmoid) */
    public IActivation getGateActivationFn() {
        return gateActivationFn;
    }

    /** @param gateActivationFn activation of the forget, output and input gates */
    public void setGateActivationFn(IActivation gateActivationFn) {
        this.gateActivationFn = gateActivationFn;
    }

    /** @return initial bias of the forget gate (default 1) */
    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    /** @param forgetGateBiasInit initial bias of the forget gate */
    public void setForgetGateBiasInit(double forgetGateBiasInit) {
        this.forgetGateBiasInit = forgetGateBiasInit;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LstmLayerConfig) || !super.equals(o)) {
            return false;
        }
        LstmLayerConfig other = (LstmLayerConfig) o;
        return Objects.equals(gateActivationFn, other.gateActivationFn)
                && Double.compare(forgetGateBiasInit, other.forgetGateBiasInit) == 0;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof LstmLayerConfig;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Objects.hashCode(gateActivationFn)) + Double.hashCode(forgetGateBiasInit);
    }

    @Override
    public String toString() {
        return "LstmLayerConfig(super=" + super.toString() + ", gateActivationFn=" + gateActivationFn
                + ", forgetGateBiasInit=" + forgetGateBiasInit + ")";
    }

    /**
     * Builder for {@link LstmLayerConfig}. Besides this class's {@link #gateActivationFunction} and
     * {@link #forgetGateBiasInit} it offers everything of DL4J's recurrent layer builders: {@code nIn}, {@code nOut},
     * {@code activation} (cell input and cell activation,
     * default tanh), {@code weightInit}, {@code weightInitRecurrent}, {@code biasInit}, {@code dropOut},
     * {@code dataFormat}, {@code constrainRecurrent}, {@code constrainInputWeights}, regularization and updaters.
     */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        private IActivation gateActivationFn = new ActivationSigmoid();
        private double forgetGateBiasInit = 1.0;

        /** Creates a builder whose activation is tanh, gate activation sigmoid and forget gate bias 1. */
        public Builder() {
            this.activationFn = new ActivationTanH();
        }

        /** @param gateActivationFn activation of the forget, output and input gates, e.g. "sigmoid" */
        public Builder gateActivationFunction(String gateActivationFn) {
            return gateActivationFunction(Activation.fromString(gateActivationFn));
        }

        /** @param gateActivationFn activation of the forget, output and input gates */
        public Builder gateActivationFunction(Activation gateActivationFn) {
            return gateActivationFunction(gateActivationFn.getActivationFunction());
        }

        /** @param gateActivationFn activation of the forget, output and input gates */
        public Builder gateActivationFunction(IActivation gateActivationFn) {
            this.gateActivationFn = Objects.requireNonNull(gateActivationFn, "gateActivationFn");
            return this;
        }

        /** @param forgetGateBiasInit initial bias of the forget gate (default 1, as DL4J's LSTM) */
        public Builder forgetGateBiasInit(double forgetGateBiasInit) {
            this.forgetGateBiasInit = forgetGateBiasInit;
            return this;
        }

        @Override
        public LstmLayerConfig build() {
            return new LstmLayerConfig(this);
        }
    }
}
