package dev.rill.layers;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import dev.rill.layers.kernel.GateFunction;
import dev.rill.layers.kernel.GruKernel;

/**
 * Gated recurrent unit (GRU) layer, computed by {@link GruKernel}: BLAS for the matrix products, one pass of plain
 * Java per time step for the gate maths.
 *
 * <p>ND4J's native {@code gru_bp} / {@code gruCell_bp} ops return wrong gradients in 1.0.0-M2.1, so this layer
 * does not use them.
 *
 * <h2>Equations</h2>
 * This is the cuDNN / PyTorch formulation: the reset gate multiplies the recurrent product <em>after</em> the matrix
 * product, and there are two biases, an input bias b (PyTorch {@code b_ih}) and a recurrent bias bR ({@code b_hh}).
 * For time step t with input x (row vector [nIn]) and previous state h (row vector [H]):
 * <pre>
 *   r  = σ(x·W_r + b_r + h·U_r + bR_r)                  reset gate
 *   z  = σ(x·W_z + b_z + h·U_z + bR_z)                  update gate
 *   n  = tanh(x·W_n + b_n + r ⊙ (h·U_n + bR_n))         candidate
 *   h' = (1 − z) ⊙ n + z ⊙ h                            new state and output
 * </pre>
 * σ is the configured gate activation (default sigmoid) and tanh the configured candidate activation
 * ({@code activation}, default tanh). W = [W_r | W_z | W_n] has shape [nIn, 3H], U = [U_r | U_z | U_n] shape [H, 3H],
 * b and bR shape [1, 3H]; gate order in every parameter is <b>r, z, n</b>. These are exactly PyTorch's
 * {@code nn.GRU} equations and gate order: W = {@code weight_ih_l0}ᵀ, U = {@code weight_hh_l0}ᵀ,
 * b = {@code bias_ih_l0}, bR = {@code bias_hh_l0}. (The original GRU of Cho et al. and ND4J's {@code gruCell} apply
 * r to h before the product instead; results differ.) The initial state is zero unless a stored state is used
 * ({@link #rnnTimeStep}, truncated BPTT).
 *
 * <h2>Masks</h2>
 * With a mask m [minibatch, T], the output and the state are multiplied by m at every step:
 * {@code h_t = m_t ⊙ h'_t}, as DL4J's LSTM and SimpleRnn do. A masked step therefore outputs 0 and the next real
 * step starts from a zero state, so left padding (which {@code Bidirectional} creates for its backward copy when the
 * batch is right-padded) does not leak into the real steps, and right padding only affects steps after the end.
 * Gradients are those of this masked function (masked steps receive and pass on no gradient).
 *
 * <h2>Implementation</h2>
 * See {@link GruKernel}: the input projections of all steps in one product, only h·U inside the time loop, the gate
 * maths of a step in one Java pass, weight gradients in one product each after the loop. The training forward pass
 * is kept for backprop (see {@link KernelRecurrentLayer}). Data formats NCW ([mb, nIn, T], default) and NWC
 * ([mb, T, nIn]) are supported.
 *
 * <p>The class name is written into saved models: never rename or move it.
 */
public class GruLayer extends KernelRecurrentLayer<GruLayerConfig> {

    private static final long serialVersionUID = 1L;

    /** Key of the last output/state [minibatch, H] in {@link #rnnGetPreviousState()} and the TBPTT state map. */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";

    private transient GruKernel kernel;

    /**
     * @param conf     configuration whose layer is a {@link GruLayerConfig}
     * @param dataType network data type
     */
    public GruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private GruKernel kernel() {
        if (kernel == null) {
            kernel = new GruKernel(GateFunction.of(layerConf().getActivationFn(), dataType),
                    GateFunction.of(layerConf().getGateActivationFn(), dataType), dataType);
        }
        return kernel;
    }

    @Override
    protected void kernelForward(INDArray in, INDArray mask, Map<String, INDArray> initial, boolean training,
            LayerWorkspaceMgr mgr) {
        GruKernel.Weights w = new GruKernel.Weights(
                kernelWeights(GruParamInitializer.WEIGHT_KEY, training, mgr),
                kernelWeights(GruParamInitializer.RECURRENT_WEIGHT_KEY, training, mgr),
                getParamWithNoise(GruParamInitializer.BIAS_KEY, training, mgr),
                getParamWithNoise(GruParamInitializer.RECURRENT_BIAS_KEY, training, mgr));
        kernel().forward(in, mask, w, initial == null ? null : initial.get(STATE_KEY_PREV_ACTIVATION));
    }

    @Override
    protected void kernelOutputs(INDArray out) {
        kernel().copyOutputs(out);
    }

    @Override
    protected Map<String, INDArray> kernelLastState() {
        return Map.of(STATE_KEY_PREV_ACTIVATION, kernel().lastState());
    }

    @Override
    protected Gradient kernelBackward(INDArray epsilon, int window, INDArray epsOut) {
        GruKernel.Weights g = new GruKernel.Weights(
                gradientViews.get(GruParamInitializer.WEIGHT_KEY),
                gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY),
                gradientViews.get(GruParamInitializer.BIAS_KEY),
                gradientViews.get(GruParamInitializer.RECURRENT_BIAS_KEY));
        kernel().backward(epsilon, window, g, epsOut);
        Gradient grad = new DefaultGradient(gradientsFlattened);
        grad.gradientForVariable().put(GruParamInitializer.WEIGHT_KEY, g.input());
        grad.gradientForVariable().put(GruParamInitializer.RECURRENT_WEIGHT_KEY, g.recurrent());
        grad.gradientForVariable().put(GruParamInitializer.BIAS_KEY, g.bias());
        grad.gradientForVariable().put(GruParamInitializer.RECURRENT_BIAS_KEY, g.recurrentBias());
        return grad;
    }
}
