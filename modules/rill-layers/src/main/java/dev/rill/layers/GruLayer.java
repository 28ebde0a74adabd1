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
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.shape.Shape;
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
 * Input projections x·W + b of all time steps are one matrix product [T·mb, nIn] x [nIn, 3H]; the time loop only
 * does the recurrent product h·U. bR_r and bR_z only ever appear in the sums x·W + b + h·U + bR, so they are added
 * with the input biases there (their gradients equal those of b_r and b_z); bR_n stays inside the reset product.
 * Backward runs the loop in reverse computing dL/d(pre-activations) and dL/dh_prev, accumulates the recurrent
 * gradients per step, then computes the input-weight gradient and dL/dx with one product each. The forward pass is
 * recomputed in backprop (as DL4J's SimpleRnn and LSTM do by default), so no activations are kept between calls.
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

    /**
     * Arrays of one forward pass. Per-step arrays are 'f' ordered with time last, so the [mb, 3H] block of a step and
     * the [mb, H] block of each gate within it are contiguous; element-wise ops on contiguous arrays are several times
     * faster in ND4J than on strided views.
     */
    private static final class ForwardPass {
        INDArray out;      // [mb, H, T]   'f': h_t per step (masked)
        INDArray h0;       // [mb, H]      'f': initial state, or null for zeros
        INDArray x2;       // [T*mb, nIn]  'c': inputs, time-major rows (row t*mb + i)
        INDArray pre;      // [mb, 3H, T]  'f': pre-activations of r, z, n (backprop only; backprop overwrites them)
        INDArray act;      // [mb, 3H, T]  'f': activations r, z, n        (backprop only)
        INDArray hpN;      // [mb, H, T]   'f': h·U_n + bR_n, needed for dL/dr (backprop only)
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

        INDArray w = getParamWithNoise(GruParamInitializer.WEIGHT_KEY, training, mgr);            // [nIn, 3H]
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, training, mgr);  // [H, 3H]
        INDArray b = getParamWithNoise(GruParamInitializer.BIAS_KEY, training, mgr);              // [1, 3H]
        INDArray rb = getParamWithNoise(GruParamInitializer.RECURRENT_BIAS_KEY, training, mgr);   // [1, 3H]
        IActivation gateFn = layerConf().getGateActivationFn();
        IActivation candFn = layerConf().getActivationFn();
        INDArray mask = maskArray == null ? null : maskArray.castTo(dataType);                  // [mb, T]

        ArrayType work = forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.FF_WORKING_MEM;
        ForwardPass fp = new ForwardPass();
        if (h0 != null) {
            fp.h0 = mgr.dup(work, h0.castTo(dataType), 'f');                                       // [mb, H]
        }

        // Input projections of all steps in one product. The recurrent biases of r and z add to the same sums as
        // the input biases, so they are folded in here; only bR_n has to stay inside the reset product.
        INDArray xTm = mgr.createUninitialized(work, dataType, new long[] {tLen, mb, nIn}, 'c');   // [T, mb, nIn]
        xTm.assign(in.permute(2, 0, 1));
        fp.x2 = xTm.reshape('c', tLen * mb, nIn);                                                  // [T*mb, nIn]
        INDArray xpTm = mgr.createUninitialized(work, dataType, new long[] {tLen * mb, h3}, 'c');  // [T*mb, 3H]
        Nd4j.gemm(fp.x2, w, xpTm, false, false, 1.0, 0.0);
        INDArray bias = b.dup();                                                                   // [1, 3H]
        bias.get(all(), interval(0, 2 * h)).addi(rb.get(all(), interval(0, 2 * h)));
        xpTm.addiRowVector(bias);
        INDArray xp = mgr.createUninitialized(work, dataType, new long[] {mb, h3, tLen}, 'f');     // [mb, 3H, T]
        xp.assign(xpTm.reshape('c', tLen, mb, h3).permute(1, 2, 0));
        INDArray rbN = rb.get(all(), interval(2 * h, h3));                                         // [1, H]

        fp.out = mgr.createUninitialized(forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.ACTIVATIONS, dataType,
                new long[] {mb, h, tLen}, 'f');                                                    // [mb, H, T]
        INDArray hpBuf = mgr.createUninitialized(work, dataType, new long[] {mb, h3}, 'f');        // [mb, 3H]
        // Views made once: creating an ND4J view costs about as much as a small element-wise op.
        INDArray hpBufRz = hpBuf.get(all(), interval(0, 2 * h));                                   // [mb, 2H]
        INDArray hpBufN = hpBuf.get(all(), interval(2 * h, h3));                                   // [mb, H]
        INDArray actBuf = null;
        if (forBackprop) {
            fp.pre = mgr.createUninitialized(work, dataType, new long[] {mb, h3, tLen}, 'f');      // [mb, 3H, T]
            fp.act = mgr.createUninitialized(work, dataType, new long[] {mb, h3, tLen}, 'f');      // [mb, 3H, T]
            fp.hpN = mgr.createUninitialized(work, dataType, new long[] {mb, h, tLen}, 'f');       // [mb, H, T]
        } else {
            // Inference keeps one step of gate activations, reused every step.
            actBuf = mgr.createUninitialized(work, dataType, new long[] {mb, h3}, 'f');            // [mb, 3H]
        }

        INDArray hPrev = fp.h0;
        for (long t = 0; t < tLen; t++) {
            INDArray xpT = xp.get(all(), all(), point(t));                                         // [mb, 3H]
            INDArray actT = forBackprop ? fp.act.get(all(), all(), point(t)) : actBuf;             // [mb, 3H]
            INDArray preT = forBackprop ? fp.pre.get(all(), all(), point(t)) : null;               // [mb, 3H]
            INDArray r = actT.get(all(), interval(0, h));
            INDArray z = actT.get(all(), interval(h, 2 * h));
            INDArray n = actT.get(all(), interval(2 * h, h3));

            // Recurrent projection h·U (a zero state contributes nothing).
            if (hPrev != null) {
                Nd4j.gemm(hPrev, rw, hpBuf, false, false, 1.0, 0.0);
            } else {
                hpBuf.assign(0.0);
            }

            // Reset and update gates: one pass over the [mb, 2H] block.
            INDArray actRz = actT.get(all(), interval(0, 2 * h));
            INDArray sumRz = xpT.get(all(), interval(0, 2 * h)).add(hpBufRz,
                    forBackprop ? preT.get(all(), interval(0, 2 * h)) : actRz);
            activate(gateFn, sumRz, actRz, training);

            // Candidate: the reset gate multiplies the recurrent product including its bias.
            INDArray hpN = forBackprop ? fp.hpN.get(all(), all(), point(t)) : hpBufN;
            Nd4j.getExecutioner().exec(new BroadcastAddOp(hpBufN, rbN, hpN, 1));
            INDArray sumN = r.mul(hpN, forBackprop ? preT.get(all(), interval(2 * h, h3)) : n);
            sumN.addi(xpT.get(all(), interval(2 * h, h3)));
            activate(candFn, sumN, n, training);

            // h' = n + z ⊙ (h − n), the same as (1 − z) ⊙ n + z ⊙ h.
            INDArray hT = fp.out.get(all(), all(), point(t));                                      // [mb, H]
            if (hPrev != null) {
                hPrev.sub(n, hT).muli(z).addi(n);
            } else {
                z.rsub(1.0, hT).muli(n);
            }
            if (mask != null) {
                hT.muliColumnVector(mask.getColumn(t, true));                                      // [mb, 1]
            }
            hPrev = hT;
        }
        return fp;
    }

    /** out = fn(pre). Sigmoid and tanh (the defaults) take one op; other activations copy, then apply in place. */
    private static void activate(IActivation fn, INDArray pre, INDArray out, boolean training) {
        if (fn instanceof ActivationSigmoid) {
            Nd4j.getExecutioner().exec(new Sigmoid(pre, out));
        } else if (fn instanceof ActivationTanH) {
            Nd4j.getExecutioner().exec(new Tanh(pre, out));
        } else {
            if (out != pre) {
                out.assign(pre);
            }
            fn.getActivation(out, training);
        }
    }

    /** Replaces the pre-activations {@code pre} with dL/d(pre), given dL/d(activation) in {@code eps}. */
    private static void backpropInPlace(IActivation fn, INDArray pre, INDArray eps) {
        INDArray g = fn.backprop(pre, eps).getFirst();
        if (g != pre) {
            pre.assign(g);
        }
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, boolean truncated, int tbpttBackLength,
            LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        ForwardPass fp = forward(forwardInitialState, true, true, mgr);
        if (truncated) {
            storeLastState(tBpttStateMap, fp.out);
        }
        INDArray h0 = fp.h0;

        long mb = fp.out.size(0);
        long h = fp.out.size(1);
        long tLen = fp.out.size(2);
        long h3 = 3 * h;
        long nIn = fp.x2.size(1);
        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);                                    // [mb, H, T]
        if (eps.ordering() != 'f' || !Shape.hasDefaultStridesForShape(eps)) {
            eps = mgr.dup(ArrayType.BP_WORKING_MEM, eps, 'f');   // contiguous per-step slices
        }

        INDArray w = getParamWithNoise(GruParamInitializer.WEIGHT_KEY, true, mgr);                // [nIn, 3H]
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, true, mgr);      // [H, 3H]
        INDArray rwRz = rw.get(all(), interval(0, 2 * h));                                         // [H, 2H]
        INDArray rwN = rw.get(all(), interval(2 * h, h3));                                         // [H, H]
        IActivation gateFn = layerConf().getGateActivationFn();
        IActivation candFn = layerConf().getActivationFn();
        INDArray mask = maskArray == null ? null : maskArray.castTo(dataType);                  // [mb, T]

        gradientsFlattened.assign(0);
        INDArray wg = gradientViews.get(GruParamInitializer.WEIGHT_KEY);                          // [nIn, 3H]
        INDArray rwg = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);               // [H, 3H]
        INDArray rwgRz = rwg.get(all(), interval(0, 2 * h));                                       // [H, 2H]
        INDArray rwgN = rwg.get(all(), interval(2 * h, h3));                                       // [H, H]
        INDArray bg = gradientViews.get(GruParamInitializer.BIAS_KEY);                            // [1, 3H]
        INDArray rbg = gradientViews.get(GruParamInitializer.RECURRENT_BIAS_KEY);                 // [1, 3H]

        // fp.pre becomes dL/d(pre-activations), i.e. dL/d(x·W + b) per step: the activation backprop overwrites it.
        INDArray dXp = fp.pre;                                                                     // [mb, 3H, T]
        // dL/d(h·U_n + bR_n) per step; zero where the truncated backward window does not reach.
        INDArray dHpN = mgr.create(ArrayType.BP_WORKING_MEM, dataType, new long[] {mb, h, tLen}, 'f'); // [mb, H, T]
        INDArray dh = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {mb, h}, 'f');      // [mb, H]
        INDArray carry = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {mb, h}, 'f');   // [mb, H]
        INDArray dn = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {mb, h}, 'f');      // [mb, H]
        INDArray dRz = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {mb, 2 * h}, 'f'); // [mb, 2H]
        INDArray dr = dRz.get(all(), interval(0, h));
        INDArray dz = dRz.get(all(), interval(h, 2 * h));

        long end = tbpttBackLength > 0 ? Math.max(0, tLen - tbpttBackLength) : 0;
        if (end > 0) {
            // Steps before the window get no gradient: zero their slots of dXp (they hold pre-activations).
            dXp.get(all(), all(), interval(0, end)).assign(0.0);
        }
        for (long t = tLen - 1; t >= end; t--) {
            // dL/dh_t: from the layer above at this step plus from step t+1 through the recurrence.
            INDArray epsT = eps.get(all(), all(), point(t));                                       // [mb, H]
            if (t < tLen - 1) {
                epsT.add(carry, dh);
            } else {
                dh.assign(epsT);
            }
            if (mask != null) {
                // h_t = m_t ⊙ h'_t, so dL/dh'_t = m_t ⊙ dL/dh_t: masked steps pass nothing on.
                dh.muliColumnVector(mask.getColumn(t, true));
            }
            INDArray hPrev = t > 0 ? fp.out.get(all(), all(), point(t - 1)) : h0;                 // [mb, H] or null
            INDArray actT = fp.act.get(all(), all(), point(t));                                    // [mb, 3H]
            INDArray r = actT.get(all(), interval(0, h));
            INDArray z = actT.get(all(), interval(h, 2 * h));
            INDArray n = actT.get(all(), interval(2 * h, h3));
            INDArray dXpT = dXp.get(all(), all(), point(t));                                       // [mb, 3H]
            INDArray dARz = dXpT.get(all(), interval(0, 2 * h));                                   // [mb, 2H]
            INDArray dAn = dXpT.get(all(), interval(2 * h, h3));                                   // [mb, H]
            INDArray dHpNT = dHpN.get(all(), all(), point(t));                                     // [mb, H]

            // Candidate: dL/dn = dh ⊙ (1 − z), then through its activation (dAn held its pre-activation).
            z.rsub(1.0, dn).muli(dh);
            backpropInPlace(candFn, dAn, dn);
            // n's pre-activation holds r ⊙ (h·U_n + bR_n): split the gradient between r and the recurrent term.
            dAn.mul(fp.hpN.get(all(), all(), point(t)), dr);                                       // dL/dr
            dAn.mul(r, dHpNT);                                                                     // dL/d(h·U_n + bR_n)
            // Update gate: dL/dz = dh ⊙ (h_prev − n).
            if (hPrev != null) {
                hPrev.sub(n, dz).muli(dh);
            } else {
                n.mul(dh, dz).negi();
            }
            backpropInPlace(gateFn, dARz, dRz);
            // r and z see x·W + b and h·U + bR with weight 1: dARz is the gradient of both.

            if (hPrev != null) {
                Nd4j.gemm(hPrev, dARz, rwgRz, true, false, 1.0, 1.0);                              // += h_prevᵀ·dA_rz
                Nd4j.gemm(hPrev, dHpNT, rwgN, true, false, 1.0, 1.0);                              // += h_prevᵀ·dHp_n
            }
            if (t > end) {
                // dL/dh_{t-1} = dh ⊙ z + [dA_r, dA_z, dHp_n]·Uᵀ
                dh.mul(z, carry);
                Nd4j.gemm(dARz, rwRz, carry, false, true, 1.0, 1.0);
                Nd4j.gemm(dHpNT, rwN, carry, false, true, 1.0, 1.0);
            }
        }

        // Input side: one product each for the weight gradient and for dL/dx over all steps.
        INDArray dXpTm = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {tLen, mb, h3}, 'c'); // [T, mb, 3H]
        dXpTm.assign(dXp.permute(2, 0, 1));
        INDArray dXp2 = dXpTm.reshape('c', tLen * mb, h3);                                         // [T*mb, 3H]
        Nd4j.gemm(fp.x2, dXp2, wg, true, false, 1.0, 0.0);
        bg.assign(dXp2.sum(true, 0));
        // Folded r/z recurrent biases share the input biases' gradient; bR_n has its own.
        rbg.get(all(), interval(0, 2 * h)).assign(bg.get(all(), interval(0, 2 * h)));
        rbg.get(all(), interval(2 * h, h3)).assign(dHpN.sum(0, 2).reshape(1, h));
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
