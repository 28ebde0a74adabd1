package dev.rill.layers;

import java.util.HashMap;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's calling conventions for a recurrent layer whose maths is a kernel from {@code dev.rill.layers.kernel}:
 * which initial state each entry point starts from, what is stored for streaming and truncated BPTT, data formats,
 * dropout, workspaces, and reusing the training forward pass in backprop. Subclasses only connect a kernel to their
 * parameters and state keys.
 *
 * <h2>Initial states and truncated BPTT</h2>
 * {@link #activate} starts from zeros, {@link #rnnTimeStep} from the streaming state, and
 * {@link #rnnActivateUsingStoredState} from the TBPTT state. Backprop starts from the initial state of the most
 * recent forward pass, held constant (gradients stop at a segment boundary): DL4J 1.0.0-M2.1's MultiLayerNetwork runs
 * each TBPTT segment forward with the stored state but then calls {@link #backpropGradient}, not
 * {@link #tbpttBackpropGradient}, and a layer that backpropagated from zeros there (as DL4J's LSTM does) would
 * return gradients of a different function.
 *
 * <h2>Reusing the forward pass</h2>
 * DL4J runs a training forward pass and then backprop on the same input; the kernel still holds the activations
 * of the forward pass, so backprop uses them instead of recomputing the sequence (a third of the work). It does so
 * only when the input, mask and initial state are the very objects of the last forward pass and that pass was a
 * training pass; any other forward pass, and backprop itself (it overwrites the buffers), end the reuse.
 *
 * @param <C> the layer's configuration class
 */
abstract class KernelRecurrentLayer<C extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer> extends BaseRecurrentLayer<C> {

    private static final long serialVersionUID = 1L;

    /** Initial state of the most recent forward pass (null: zeros); a copy, so later updates of a state map do not change it. */
    private transient Map<String, INDArray> forwardInitialState;
    /** The input of the training pass whose activations the kernel holds, or null when it holds none. */
    private transient INDArray keptInput;
    private transient INDArray keptMask;
    private transient Map<String, INDArray> keptInitialState;

    protected KernelRecurrentLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Runs the kernel over the sequence.
     *
     * @param in      [N, nIn, T] in the layer's data type
     * @param mask    [N, T] or null
     * @param initial the initial state by state key, or null for zeros
     */
    protected abstract void kernelForward(INDArray in, INDArray mask, Map<String, INDArray> initial, boolean training,
            LayerWorkspaceMgr mgr);

    /** Copies the outputs of the last kernel pass into {@code out} [N, H, T]. */
    protected abstract void kernelOutputs(INDArray out);

    /** The state after the last step of the last kernel pass, by state key, outside any workspace. */
    protected abstract Map<String, INDArray> kernelLastState();

    /**
     * Backprop through the last kernel pass into the layer's gradient views.
     *
     * @param epsilon dL/d(output) [N, H, T] in the layer's data type
     * @param window  steps from the end to backpropagate through; &lt;= 0 for all
     * @param epsOut  receives dL/d(input) [N, nIn, T]
     */
    protected abstract Gradient kernelBackward(INDArray epsilon, int window, INDArray epsOut);

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        forwardInitialState = null;
        forward(training, workspaceMgr);
        return outputs(workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        forwardInitialState = snapshot(stateMap);
        forward(false, workspaceMgr);
        stateMap.putAll(kernelLastState());
        return outputs(workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
            LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        forwardInitialState = snapshot(tBpttStateMap);
        forward(training, workspaceMgr);
        if (storeLastForTBPTT) {
            tBpttStateMap.putAll(kernelLastState());
        }
        return outputs(workspaceMgr);
    }

    /** Backprop through all time steps of the current input, from the initial state of the most recent forward pass. */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, false, -1, workspaceMgr);
    }

    /**
     * Backprop for one truncated-BPTT segment: like {@link #backpropGradient} but only through the last
     * {@code tbpttBackLength} steps (earlier steps get no gradient). Also stores the segment's last state as the TBPTT
     * state, as DL4J's LSTM does.
     *
     * @param tbpttBackLength number of last time steps to backpropagate through; &lt;= 0 for all of them
     */
    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, true, tbpttBackLength, workspaceMgr);
    }

    private static Map<String, INDArray> snapshot(Map<String, INDArray> state) {
        return state == null || state.isEmpty() ? null : new HashMap<>(state);
    }

    private void forward(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3,
                "%s expects 3D input [minibatch, nIn, T] (NCW) or [minibatch, T, nIn] (NWC), got rank %s",
                getClass().getSimpleName(), input.rank());
        applyDropOutIfNecessary(training, mgr);
        INDArray in = permuteIfNWC(input.castTo(dataType));   // [N, nIn, T]
        Preconditions.checkState(in.size(1) == layerConf().getNIn(), "%s (index %s) expects nIn=%s, got input of shape %ndShape",
                getClass().getSimpleName(), index, layerConf().getNIn(), input);
        kernelForward(in, maskArray, forwardInitialState, training, mgr);
        keptInput = training ? input : null;
        keptMask = maskArray;
        keptInitialState = forwardInitialState;
    }

    private INDArray outputs(LayerWorkspaceMgr mgr) {
        INDArray in = permuteIfNWC(input);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {in.size(0), layerConf().getNOut(), in.size(2)}, 'f');   // [N, H, T]
        kernelOutputs(out);
        return permuteIfNWC(out);
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, boolean truncated, int window, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        boolean kept = keptInput != null && keptInput == input && keptMask == maskArray && keptInitialState == forwardInitialState;
        if (!kept) {
            forward(true, mgr);
        }
        keptInput = null;
        if (truncated) {
            tBpttStateMap.putAll(kernelLastState());
        }
        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);   // [N, H, T]
        INDArray in = permuteIfNWC(input);
        INDArray epsOut = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {in.size(0), in.size(1), in.size(2)}, 'f');   // [N, nIn, T]
        Gradient gradient = kernelBackward(eps, window, epsOut);
        weightNoiseParams.clear();
        // Back to the caller's data format before undoing dropout, whose mask has the input's layout.
        return new Pair<>(gradient, backpropDropOutIfPresent(permuteIfNWC(epsOut)));
    }

    /**
     * A weight matrix as BLAS reads it: contiguous and 'f'-ordered. Parameter views already are; a weight with
     * noise may not be, and is copied outside any workspace, since backprop may reuse it after the forward pass's
     * workspace has moved on. (Biases are read element by element and need no copy.)
     */
    protected INDArray kernelWeights(String key, boolean training, LayerWorkspaceMgr mgr) {
        INDArray p = getParamWithNoise(key, training, mgr);
        if (p.dataType() == dataType && p.ordering() == 'f' && Shape.hasDefaultStridesForShape(p)) {
            return p;
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return p.castTo(dataType).dup('f');
        }
    }
}
