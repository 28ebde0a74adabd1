package dev.rill.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gated recurrent unit (GRU) layer, forward and backward written with ND4J matrix products and element-wise ops.
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
 * b and bR shape [1, 3H]; gate order in every parameter is <b>r, z, n</b>. With zero biases these are exactly
 * PyTorch's {@code nn.GRU} equations, so PyTorch weights can be loaded by transposing and keeping the gate order.
 * The initial state is zero unless a stored state is used ({@link #rnnTimeStep}, truncated BPTT).
 *
 * <h2>Masks</h2>
 * With a mask m [minibatch, T], the output and the state are multiplied by m at every step:
 * {@code h_t = m_t ⊙ h'_t}, as DL4J's LSTM and SimpleRnn do. A masked step therefore outputs 0 and the next real
 * step starts from a zero state, so left padding (which {@code Bidirectional} creates for its backward copy when the
 * batch is right-padded) does not leak into the real steps, and right padding only affects steps after the end.
 * Gradients are those of this masked function (masked steps receive and pass on no gradient).
 *
 * <h2>Implementation</h2>
 * Input projections x·W + b of all time steps are one matrix product [T·mb, nIn] x [nIn, 3H]; the time loop only
 * does the recurrent product h·U. Backward runs the loop in reverse computing dL/d(projections) and dL/dh_prev,
 * accumulates the recurrent gradients per step, then computes the input-weight gradient and dL/dx with one product
 * each. The forward pass is recomputed in backprop (as DL4J's SimpleRnn does), so nothing is cached between calls.
 * Data formats NCW ([mb, nIn, T], default) and NWC ([mb, T, nIn]) are supported.
 *
 * <p>The class name is written into saved models: never rename or move it.
 */
public class GruLayer extends BaseRecurrentLayer<GruLayerConfig> {

    private static final long serialVersionUID = 1L;

    /** Key of the last output/state [minibatch, H] in {@link #rnnGetPreviousState()} and the TBPTT state map. */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";

    /**
     * Initial state [mb, H] of the most recent forward pass (null: zeros). Backprop recomputes the forward pass from
     * it, because DL4J 1.0.0-M2.1's MultiLayerNetwork runs TBPTT segments forward with the stored state
     * ({@link #rnnActivateUsingStoredState}) but then calls {@link #backpropGradient}, not
     * {@link #tbpttBackpropGradient}; a zero state there would give gradients of a different function.
     * The array is detached (it came from a state map) and is never modified in place.
     */
    private transient INDArray forwardInitialState;

    /**
     * @param conf     configuration whose layer is a {@link GruLayerConfig}
     * @param dataType network data type
     */
    public GruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

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
        return permuteIfNWC(forward(null, training, false, workspaceMgr).out);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        forwardInitialState = stateMap.get(STATE_KEY_PREV_ACTIVATION);
        ForwardPass fp = forward(forwardInitialState, false, false, workspaceMgr);
        storeLastState(stateMap, fp.out);
        return permuteIfNWC(fp.out);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
            LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        forwardInitialState = tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION);
        ForwardPass fp = forward(forwardInitialState, training, false, workspaceMgr);
        if (storeLastForTBPTT) {
            storeLastState(tBpttStateMap, fp.out);
        }
        return permuteIfNWC(fp.out);
    }

    /**
     * Backprop through all time steps of the current input, starting from the initial state of the most recent
     * forward pass: zeros after {@link #activate}, the stored TBPTT state after {@link #rnnActivateUsingStoredState}
     * (so a TBPTT segment's gradient treats the carried state as a constant: gradients stop at the boundary).
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, false, -1, workspaceMgr);
    }

    /**
     * Backprop for one truncated-BPTT segment: like {@link #backpropGradient} (same initial state, treated as a
     * constant, so gradients stop at the segment boundary) but only through the last {@code tbpttBackLength} steps;
     * earlier steps get no gradient. Also stores the segment's last state as the TBPTT state, as DL4J's LSTM does.
     *
     * @param tbpttBackLength number of last time steps to backpropagate through; &lt;= 0 for all of them
     */
    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
            LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, true, tbpttBackLength, workspaceMgr);
    }

    /** Stores the last time step's output [mb, H] outside any workspace, so it survives until the next call. */
    private void storeLastState(Map<String, INDArray> map, INDArray out) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            map.put(STATE_KEY_PREV_ACTIVATION, out.get(all(), all(), point(out.size(2) - 1)).dup());
        }
    }

    /** Arrays of one forward pass. Time-major arrays are 'c' order so that each step is one contiguous block. */
    private static final class ForwardPass {
        INDArray out;      // [mb, H, T] 'f': h_t per step (masked)
        INDArray h0;       // [mb, H] initial state, or null for zeros
        INDArray x2;       // [T*mb, nIn] inputs, time-major rows (row t*mb + i)
        INDArray pre;      // [T, mb, 3H] pre-activations of r, z, n        (backprop only)
        INDArray act;      // [T, mb, 3H] activations r, z, n               (backprop only)
        INDArray hp;       // [T, mb, 3H] h·U + bR; block n is needed for dr (backprop only)
    }

    private ForwardPass forward(INDArray h0, boolean training, boolean forBackprop, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3,
                "GRU layer expects 3D input [minibatch, nIn, T] (NCW) or [minibatch, T, nIn] (NWC), got rank %s",
                input.rank());
        applyDropOutIfNecessary(training, mgr);

        INDArray in = permuteIfNWC(input.castTo(dataType));   // [mb, nIn, T]
        long mb = in.size(0);
        long nIn = in.size(1);
        long tLen = in.size(2);
        long h = layerConf().getNOut();
        long h3 = 3 * h;
        Preconditions.checkState(nIn == layerConf().getNIn(),
                "GRU layer (index %s) expects nIn=%s, got input of shape %ndShape", index, layerConf().getNIn(), input);
        Preconditions.checkState(h0 == null || h0.size(0) == mb,
                "Stored GRU state has minibatch %s but input has %s: call rnnClearPreviousState() between batches",
                h0 == null ? 0 : h0.size(0), mb);
        if (h0 != null) {
            h0 = h0.castTo(dataType);
        }

        INDArray w = getParamWithNoise(GruParamInitializer.WEIGHT_KEY, training, mgr);            // [nIn, 3H]
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, training, mgr);  // [H, 3H]
        INDArray b = getParamWithNoise(GruParamInitializer.BIAS_KEY, training, mgr);              // [1, 3H]
        INDArray rb = getParamWithNoise(GruParamInitializer.RECURRENT_BIAS_KEY, training, mgr);   // [1, 3H]
        IActivation gateFn = layerConf().getGateActivationFn();
        IActivation candFn = layerConf().getActivationFn();
        INDArray mask = maskArray == null ? null : maskArray.castTo(dataType);                  // [mb, T]

        ArrayType work = forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.FF_WORKING_MEM;
        ForwardPass fp = new ForwardPass();
        fp.h0 = h0;

        // Time-major copy of the input, so the projection of all steps is a single product.
        INDArray xTm = mgr.createUninitialized(work, dataType, new long[] {tLen, mb, nIn}, 'c');   // [T, mb, nIn]
        xTm.assign(in.permute(2, 0, 1));
        fp.x2 = xTm.reshape('c', tLen * mb, nIn);                                                  // [T*mb, nIn]
        INDArray xp = mgr.createUninitialized(work, dataType, new long[] {tLen * mb, h3}, 'c');    // [T*mb, 3H]
        Nd4j.gemm(fp.x2, w, xp, false, false, 1.0, 0.0);
        xp.addiRowVector(b);
        INDArray xp3 = xp.reshape('c', tLen, mb, h3);                                              // [T, mb, 3H]

        fp.out = mgr.createUninitialized(forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.ACTIVATIONS, dataType,
                new long[] {mb, h, tLen}, 'f');                                                    // [mb, H, T]
        INDArray hpBuf = null;
        INDArray preBuf = null;
        INDArray actBuf = null;
        if (forBackprop) {
            fp.pre = mgr.createUninitialized(work, dataType, new long[] {tLen, mb, h3}, 'c');      // [T, mb, 3H]
            fp.act = mgr.createUninitialized(work, dataType, new long[] {tLen, mb, h3}, 'c');      // [T, mb, 3H]
            fp.hp = mgr.createUninitialized(work, dataType, new long[] {tLen, mb, h3}, 'c');       // [T, mb, 3H]
        } else {
            // Inference keeps only one step of gate arrays, reused every step.
            hpBuf = mgr.createUninitialized(work, dataType, new long[] {mb, h3}, 'c');             // [mb, 3H]
            preBuf = mgr.createUninitialized(work, dataType, new long[] {mb, h3}, 'c');            // [mb, 3H]
            actBuf = mgr.createUninitialized(work, dataType, new long[] {mb, h3}, 'c');            // [mb, 3H]
        }

        INDArray hPrev = h0;
        for (long t = 0; t < tLen; t++) {
            INDArray xpT = xp3.get(point(t), all(), all());                                        // [mb, 3H]
            INDArray hpT = forBackprop ? fp.hp.get(point(t), all(), all()) : hpBuf;                // [mb, 3H]
            INDArray preT = forBackprop ? fp.pre.get(point(t), all(), all()) : preBuf;             // [mb, 3H]
            INDArray actT = forBackprop ? fp.act.get(point(t), all(), all()) : actBuf;             // [mb, 3H]

            // Recurrent projection h·U + bR (zero state: just bR).
            if (hPrev != null) {
                Nd4j.gemm(hPrev, rw, hpT, false, false, 1.0, 0.0);
            } else {
                hpT.assign(0.0);
            }
            hpT.addiRowVector(rb);

            // Reset and update gates share one element-wise pass over the [mb, 2H] block.
            INDArray preRz = preT.get(all(), interval(0, 2 * h));
            preRz.assign(xpT.get(all(), interval(0, 2 * h))).addi(hpT.get(all(), interval(0, 2 * h)));
            INDArray actRz = actT.get(all(), interval(0, 2 * h));
            actRz.assign(preRz);
            gateFn.getActivation(actRz, training);
            INDArray r = actT.get(all(), interval(0, h));
            INDArray z = actT.get(all(), interval(h, 2 * h));

            // Candidate: reset applied to the recurrent product (incl. its bias), then the input part added.
            INDArray preN = preT.get(all(), interval(2 * h, h3));
            preN.assign(hpT.get(all(), interval(2 * h, h3))).muli(r).addi(xpT.get(all(), interval(2 * h, h3)));
            INDArray n = actT.get(all(), interval(2 * h, h3));
            n.assign(preN);
            candFn.getActivation(n, training);

            // h' = n + z ⊙ (h − n), the same as (1 − z) ⊙ n + z ⊙ h.
            INDArray hT = fp.out.get(all(), all(), point(t));                                      // [mb, H]
            if (hPrev != null) {
                hT.assign(hPrev).subi(n).muli(z).addi(n);
            } else {
                hT.assign(z).rsubi(1.0).muli(n);
            }
            if (mask != null) {
                hT.muliColumnVector(mask.getColumn(t, true));                                      // [mb, 1]
            }
            hPrev = hT;
        }
        return fp;
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, boolean truncated, int tbpttBackLength,
            LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        ForwardPass fp = forward(forwardInitialState, true, true, mgr);
        if (truncated) {
            storeLastState(tBpttStateMap, fp.out);
        }
        INDArray h0 = fp.h0;

        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);                                    // [mb, H, T]
        long mb = fp.out.size(0);
        long h = fp.out.size(1);
        long tLen = fp.out.size(2);
        long h3 = 3 * h;
        long nIn = fp.x2.size(1);

        INDArray w = getParamWithNoise(GruParamInitializer.WEIGHT_KEY, true, mgr);                // [nIn, 3H]
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, true, mgr);      // [H, 3H]
        IActivation gateFn = layerConf().getGateActivationFn();
        IActivation candFn = layerConf().getActivationFn();
        INDArray mask = maskArray == null ? null : maskArray.castTo(dataType);                  // [mb, T]

        gradientsFlattened.assign(0);
        INDArray wg = gradientViews.get(GruParamInitializer.WEIGHT_KEY);                          // [nIn, 3H]
        INDArray rwg = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);               // [H, 3H]
        INDArray bg = gradientViews.get(GruParamInitializer.BIAS_KEY);                            // [1, 3H]
        INDArray rbg = gradientViews.get(GruParamInitializer.RECURRENT_BIAS_KEY);                 // [1, 3H]

        // Zeros: steps before a truncated backward window get no gradient.
        INDArray dXp = mgr.create(ArrayType.BP_WORKING_MEM, dataType, new long[] {tLen, mb, h3}, 'c'); // [T, mb, 3H]
        INDArray dHp = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {mb, h3}, 'c'); // [mb, 3H]
        INDArray dh = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {mb, h}, 'c');   // [mb, H]
        INDArray carry = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {mb, h}, 'c'); // [mb, H]

        long end = tbpttBackLength > 0 ? Math.max(0, tLen - tbpttBackLength) : 0;
        for (long t = tLen - 1; t >= end; t--) {
            // dL/dh_t: from the layer above at this step plus from step t+1 through the recurrence.
            dh.assign(eps.get(all(), all(), point(t)));
            if (t < tLen - 1) {
                dh.addi(carry);
            }
            if (mask != null) {
                // h_t = m_t ⊙ h'_t, so dL/dh'_t = m_t ⊙ dL/dh_t: masked steps pass nothing on.
                dh.muliColumnVector(mask.getColumn(t, true));
            }
            INDArray hPrev = t > 0 ? fp.out.get(all(), all(), point(t - 1)) : h0;                 // [mb, H] or null
            INDArray preT = fp.pre.get(point(t), all(), all());                                    // [mb, 3H]
            INDArray actT = fp.act.get(point(t), all(), all());                                    // [mb, 3H]
            INDArray hpN = fp.hp.get(point(t), all(), interval(2 * h, h3));                        // [mb, H]
            INDArray r = actT.get(all(), interval(0, h));
            INDArray z = actT.get(all(), interval(h, 2 * h));
            INDArray n = actT.get(all(), interval(2 * h, h3));
            INDArray dXpT = dXp.get(point(t), all(), all());                                       // [mb, 3H]
            INDArray dAr = dXpT.get(all(), interval(0, h));
            INDArray dAz = dXpT.get(all(), interval(h, 2 * h));
            INDArray dAn = dXpT.get(all(), interval(2 * h, h3));

            // Candidate: dL/dn = dh ⊙ (1 − z), then through its activation.
            dAn.assign(z).rsubi(1.0).muli(dh);
            INDArray g = candFn.backprop(preT.get(all(), interval(2 * h, h3)), dAn).getFirst();
            if (g != dAn) {
                dAn.assign(g);
            }
            // n's pre-activation holds r ⊙ (h·U_n + bR_n): split the gradient between r and the recurrent term.
            dAr.assign(dAn).muli(hpN);                                                             // dL/dr
            dHp.get(all(), interval(2 * h, h3)).assign(dAn).muli(r);                               // dL/d(h·U_n + bR_n)
            // Update gate: dL/dz = dh ⊙ (h_prev − n).
            if (hPrev != null) {
                dAz.assign(hPrev).subi(n).muli(dh);
            } else {
                dAz.assign(n).negi().muli(dh);
            }
            INDArray dRz = dXpT.get(all(), interval(0, 2 * h));
            g = gateFn.backprop(preT.get(all(), interval(0, 2 * h)), dRz).getFirst();
            if (g != dRz) {
                dRz.assign(g);
            }
            // r and z pre-activations get x·W + b and h·U + bR with weight 1, so both share the same gradient.
            dHp.get(all(), interval(0, 2 * h)).assign(dRz);

            if (hPrev != null) {
                Nd4j.gemm(hPrev, dHp, rwg, true, false, 1.0, 1.0);                                 // += h_prevᵀ·dHp
            }
            rbg.addi(dHp.sum(true, 0));

            if (t > end) {
                // dL/dh_{t-1} = dh ⊙ z + dHp·Uᵀ
                carry.assign(dh).muli(z);
                Nd4j.gemm(dHp, rw, carry, false, true, 1.0, 1.0);
            }
        }

        // Input side: one product each for the weight gradient and for dL/dx over all steps.
        INDArray dXp2 = dXp.reshape('c', tLen * mb, h3);                                           // [T*mb, 3H]
        Nd4j.gemm(fp.x2, dXp2, wg, true, false, 1.0, 0.0);
        bg.assign(dXp2.sum(true, 0));
        INDArray dX2 = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {tLen * mb, nIn}, 'c'); // [T*mb, nIn]
        Nd4j.gemm(dXp2, w, dX2, false, true, 1.0, 0.0);
        INDArray epsOut = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {mb, nIn, tLen}, 'f'); // [mb, nIn, T]
        epsOut.assign(dX2.reshape('c', tLen, mb, nIn).permute(1, 2, 0));

        weightNoiseParams.clear();

        Gradient grad = new DefaultGradient(gradientsFlattened);
        grad.gradientForVariable().put(GruParamInitializer.WEIGHT_KEY, wg);
        grad.gradientForVariable().put(GruParamInitializer.RECURRENT_WEIGHT_KEY, rwg);
        grad.gradientForVariable().put(GruParamInitializer.BIAS_KEY, bg);
        grad.gradientForVariable().put(GruParamInitializer.RECURRENT_BIAS_KEY, rbg);

        // Back to the caller's data format before undoing dropout, whose mask has the input's layout.
        epsOut = permuteIfNWC(epsOut);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(grad, epsOut);
    }
}
