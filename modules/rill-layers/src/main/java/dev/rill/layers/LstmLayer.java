package dev.rill.layers;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import dev.rill.layers.kernel.GateFunction;
import dev.rill.layers.kernel.LstmKernel;

/**
 * LSTM layer with DL4J's gate maths and parameter layout, computed by {@link LstmKernel} (equations there).
 *
 * <p>What it does differently from DL4J's {@code LSTM}: truncated BPTT backpropagates each segment from the state
 * it started from (DL4J's starts from zeros; see {@link KernelRecurrentLayer}), the training forward pass is kept
 * for backprop instead of recomputed, and the time loop issues one matrix product and one Java pass per step instead
 * of a dozen ND4J ops. Masks behave as in DL4J's: the output and the cell are multiplied by the mask at every step.
 * Data formats NCW and NWC, {@code rnnTimeStep}, {@code Bidirectional} and {@code LastTimeStep} work as with any
 * DL4J recurrent layer.
 *
 * <p>The class name is written into saved models: never rename or move it.
 */
public class LstmLayer extends KernelRecurrentLayer<LstmLayerConfig> {

    private static final long serialVersionUID = 1L;

    /** Key of the last output [minibatch, H] in the state maps (the same as DL4J's LSTM). */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";
    /** Key of the last cell [minibatch, H] in the state maps (the same as DL4J's LSTM). */
    public static final String STATE_KEY_PREV_MEMCELL = "prevMem";

    private transient LstmKernel kernel;

    /**
     * @param conf     configuration whose layer is an {@link LstmLayerConfig}
     * @param dataType network data type
     */
    public LstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private LstmKernel kernel() {
        if (kernel == null) {
            kernel = new LstmKernel(GateFunction.of(layerConf().getActivationFn(), dataType),
                    GateFunction.of(layerConf().getGateActivationFn(), dataType), dataType);
        }
        return kernel;
    }

    @Override
    protected void kernelForward(INDArray in, INDArray mask, Map<String, INDArray> initial, boolean training,
            LayerWorkspaceMgr mgr) {
        LstmKernel.Weights w = new LstmKernel.Weights(
                kernelWeights(LstmParamInitializer.WEIGHT_KEY, training, mgr),
                kernelWeights(LstmParamInitializer.RECURRENT_WEIGHT_KEY, training, mgr),
                getParamWithNoise(LstmParamInitializer.BIAS_KEY, training, mgr));
        LstmKernel.State state = initial == null ? null
                : new LstmKernel.State(initial.get(STATE_KEY_PREV_ACTIVATION), initial.get(STATE_KEY_PREV_MEMCELL));
        kernel().forward(in, mask, w, state);
    }

    @Override
    protected void kernelOutputs(INDArray out) {
        kernel().copyOutputs(out);
    }

    @Override
    protected Map<String, INDArray> kernelLastState() {
        LstmKernel.State last = kernel().lastState();
        return Map.of(STATE_KEY_PREV_ACTIVATION, last.h(), STATE_KEY_PREV_MEMCELL, last.c());
    }

    @Override
    protected Gradient kernelBackward(INDArray epsilon, int window, INDArray epsOut) {
        LstmKernel.Weights g = new LstmKernel.Weights(
                gradientViews.get(LstmParamInitializer.WEIGHT_KEY),
                gradientViews.get(LstmParamInitializer.RECURRENT_WEIGHT_KEY),
                gradientViews.get(LstmParamInitializer.BIAS_KEY));
        kernel().backward(epsilon, window, g, epsOut);
        Gradient grad = new DefaultGradient(gradientsFlattened);
        grad.gradientForVariable().put(LstmParamInitializer.WEIGHT_KEY, g.input());
        grad.gradientForVariable().put(LstmParamInitializer.RECURRENT_WEIGHT_KEY, g.recurrent());
        grad.gradientForVariable().put(LstmParamInitializer.BIAS_KEY, g.bias());
        return grad;
    }
}
