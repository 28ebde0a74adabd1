package dev.rill.layers.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward and backward pass of a GRU over a whole sequence (the cuDNN / PyTorch formulation documented on
 * {@code dev.rill.layers.GruLayer}). For step t, with x_t [N, nIn], the previous output h [N, H] and mask m_t [N]:
 * <pre>
 *   X = x_t·W + b          P = h·U + bR              [N, 3H], column blocks  r | z | n
 *   r = σ(X_r + P_r)       z = σ(X_z + P_z)          n = act(X_n + r ⊙ P_n)
 *   h' = n + z ⊙ (h − n)   h_t = m_t ⊙ h'
 * </pre>
 *
 * <h2>How it is computed</h2>
 * As {@link LstmKernel}: the input side in products over chunks of steps, only P = h_{t−1}·U inside the loop (into a
 * one-step buffer, since r multiplies P_n), the gate maths in one Java pass per step, dL/dX and dL/dP written per step
 * to two [T·N, 3H] buffers that feed the products for dW = Xᵀ·dX, dU = H_prevᵀ·dP and dL/dx = dX·Wᵀ, chunk by chunk
 * ({@link StepChunks}).
 * dL/dX and dL/dP differ only in the n block (dL/dP_n = r ⊙ dL/dX_n), so the r and z blocks of the two bias
 * gradients are equal.
 */
public final class GruKernel {

    /**
     * Parameters (or their gradient views) in the layout of {@code GruParamInitializer}: W [nIn, 3H] and U [H, 3H]
     * 'f' ordered, b and bR [1, 3H], gate blocks r | z | n.
     */
    public record Weights(INDArray input, INDArray recurrent, INDArray bias, INDArray recurrentBias) {
    }

    private final GateFunction candidateFn;
    private final GateFunction gateFn;
    private final TimeMajorSequence seq;
    private final HostBuffer gates;          // [T·N, 3H] X = x·W, then activations; dL/dX after backward
    private final HostBuffer recurrent;      // [N, 3H] P of one step in forward; [T·N, 3H] dL/dP in backward
    private final RecurrentCarry carry;
    private double[] act = new double[0];        // [N·3H] one step of gates: X, then activations r, z, n
    private double[] hpN = new double[0];        // [T·N·H] P_n = (h·U + bR)_n, which dL/dr needs
    private double[] states = new double[0];     // [(T+1)·N·H] h_0 .. h_T (masked), as in the sequence's states
    private double[] step = new double[0];       // [N·3H] one step of P, or of dL/dP
    private double[] row = new double[0];        // [N·3H] one step of dL/dX
    private double[] grad = new double[0];       // [N·H] dL/dh_t
    private double[] direct = new double[0];     // [N·H] dL/dh_{t−1} through h' = n + z ⊙ (h − n)
    private Weights weights;
    private int hidden;
    private boolean zeroStart;

    /**
     * @param activation     act, the candidate's activation
     * @param gateActivation σ, applied to the reset and update gates
     * @param type           FLOAT or DOUBLE: the data type of inputs, parameters and results
     */
    public GruKernel(GateFunction activation, GateFunction gateActivation, DataType type) {
        this.candidateFn = activation;
        this.gateFn = gateActivation;
        this.seq = new TimeMajorSequence(type);
        this.gates = new HostBuffer(type);
        this.recurrent = new HostBuffer(type);
        this.carry = new RecurrentCarry(type);
    }

    /**
     * Runs the sequence and keeps what backprop needs.
     *
     * @param input   [N, nIn, T]
     * @param mask    [N, T], or null
     * @param w       parameters
     * @param initial h before step 0 [N, H], or null for zeros
     */
    public void forward(INDArray input, INDArray mask, Weights w, INDArray initial) {
        weights = w;
        hidden = (int) w.recurrent().size(0);
        zeroStart = initial == null;
        int h = hidden;
        int g3 = 3 * h;
        seq.load(input, mask, h);
        int n = seq.batch();
        int steps = seq.steps();
        int rows = steps * n;
        act = ScratchArrays.grow(act, (long) n * g3);
        hpN = ScratchArrays.grow(hpN, (long) rows * h);
        states = ScratchArrays.grow(states, (long) (rows + n) * h);
        step = ScratchArrays.grow(step, (long) n * g3);
        seq.initialState(initial, states);

        gates.ensure((long) rows * g3);
        recurrent.ensure((long) n * g3);
        double[] b = new double[(int) w.bias().length()];
        NativeArrays.read(w.bias(), b);
        double[] rb = new double[(int) w.recurrentBias().length()];
        NativeArrays.read(w.recurrentBias(), rb);
        Matrix wIn = Matrix.weights(w.input());
        Matrix u = Matrix.weights(w.recurrent());
        StepChunks.forward(steps, n,
                (from, to) -> Blas.gemm(seq.inputs(from, to), wIn, gates.matrix((long) from * n * g3, (to - from) * n, g3), 0.0),
                t -> forwardStep(t, n, b, rb, u));
    }

    /** Step t: P = h_{t−1}·U, the gate maths of every row, h_t into the sequence's outputs. */
    private void forwardStep(int t, int n, double[] b, double[] rb, Matrix u) {
        int h = hidden;
        int g3 = 3 * h;
        long a0 = (long) t * n * g3;
        gates.read(a0, act, 0, n * g3);
        if (t > 0 || !zeroStart) {
            Blas.gemm(seq.previousStates(t, t + 1), u, recurrent.matrix(0, n, g3), 0.0);
            recurrent.read(0, step, 0, n * g3);
        } else {
            java.util.Arrays.fill(step, 0, n * g3, 0.0);
        }
        for (int i = 0; i < n; i++) {
            forwardRow(t, i, n, b, rb);
        }
        gates.write(a0, act, 0, n * g3);   // activations over X, read back a step at a time by backprop
        seq.writeOutput(t, states, (t + 1) * n * h);
    }

    /** Gate maths of example i at step t: activations into {@code act}, P_n into {@code hpN}, h_t into {@code states}. */
    private void forwardRow(int t, int i, int n, double[] b, double[] rb) {
        int h = hidden;
        int a = i * 3 * h;                // X_t row i in act
        int p = i * 3 * h;                // P row i in step
        int hp = (t * n + i) * h;         // P_n in hpN; also h_{t−1} in states
        int hNew = hp + n * h;            // h_t in states
        for (int j = 0; j < 2 * h; j++) {
            act[a + j] += b[j] + step[p + j] + rb[j];
        }
        gateFn.apply(act, a, 2 * h);
        for (int j = 0; j < h; j++) {
            double pn = step[p + 2 * h + j] + rb[2 * h + j];
            hpN[hp + j] = pn;
            act[a + 2 * h + j] += b[2 * h + j] + act[a + j] * pn;
        }
        candidateFn.apply(act, a + 2 * h, h);
        double m = seq.mask(t, i);
        for (int j = 0; j < h; j++) {
            double nv = act[a + 2 * h + j];
            states[hNew + j] = m * (nv + act[a + h + j] * (states[hp + j] - nv));
        }
    }

    /** Copies h_1..h_T of the last forward pass into {@code output} [N, H, T]. */
    public void copyOutputs(INDArray output) {
        seq.copyOutputs(output);
    }

    /** h_T as a new [N, H] array outside any workspace (to carry into the next call). */
    public INDArray lastState() {
        return seq.lastOutput();
    }

    /**
     * Backprop through the last forward pass, whose initial state is held constant (gradients stop there).
     *
     * @param epsilon dL/d(output) [N, H, T]
     * @param window  backpropagate through the last {@code window} steps only (truncated BPTT); &lt;= 0 for all
     * @param grads   gradient views to overwrite
     * @param epsOut  receives dL/d(input) [N, nIn, T]; zero before the window
     */
    public void backward(INDArray epsilon, int window, Weights grads, INDArray epsOut) {
        int h = hidden;
        int g3 = 3 * h;
        int n = seq.batch();
        int steps = seq.steps();
        int end = window > 0 ? Math.max(0, steps - window) : 0;
        seq.loadEpsilon(epsilon);
        row = ScratchArrays.grow(row, (long) n * g3);
        grad = ScratchArrays.grow(grad, (long) n * h);
        direct = ScratchArrays.grow(direct, (long) n * h);
        recurrent.ensure((long) steps * n * g3);
        carry.start(n, g3, h);
        double[] biasGrad = new double[g3];
        double[] recurrentBiasGrad = new double[g3];
        Matrix u = Matrix.weights(weights.recurrent());
        Matrix wInT = Matrix.weights(weights.input()).t();
        Matrix dWt = Matrix.weightGradientTransposed(grads.input());
        Matrix dUt = Matrix.weightGradientTransposed(grads.recurrent());
        seq.prepareInputGradients();
        int[] chunksDone = {0};
        StepChunks.backward(steps, end, n,
                (from, to) -> {
                    // dW += X_chunkᵀ·dX_chunk, dU += H_prevᵀ·dP_chunk (the first chunk overwrites), dL/dx = dX·Wᵀ.
                    Matrix dX = gates.matrix((long) from * n * g3, (to - from) * n, g3);
                    Matrix dP = recurrent.matrix((long) from * n * g3, (to - from) * n, g3);
                    double beta = chunksDone[0]++ == 0 ? 0.0 : 1.0;
                    Blas.gemm(dX.t(), seq.inputs(from, to), dWt, beta);
                    Blas.gemm(dP.t(), seq.previousStates(from, to), dUt, beta);
                    Blas.gemm(dX, wInT, seq.inputGradients(from, to), 0.0);
                },
                t -> backwardStep(t, n, end, u, biasGrad, recurrentBiasGrad));
        grads.bias().assign(Nd4j.createFromArray(biasGrad).reshape(grads.bias().shape()));
        grads.recurrentBias().assign(Nd4j.createFromArray(recurrentBiasGrad).reshape(grads.recurrentBias().shape()));
        seq.copyInputGradients(epsOut, end);
    }

    /** Step t of backprop: dL/dh_t, then dL/dX_t over X_t and dL/dP_t, then dL/dh_{t−1} through U. */
    private void backwardStep(int t, int n, int end, Matrix u, double[] biasGrad, double[] recurrentBiasGrad) {
        int h = hidden;
        int g3 = 3 * h;
        long at = (long) t * n * g3;
        seq.readEpsilon(t, grad);
        gates.read(at, act, 0, n * g3);
        if (t < seq.steps() - 1) {
            for (int k = 0; k < n * h; k++) {
                grad[k] += direct[k];
            }
            carry.addTo(grad);
        }
        for (int i = 0; i < n; i++) {
            backwardRow(t, i, n);
            for (int j = 0; j < g3; j++) {
                biasGrad[j] += row[i * g3 + j];
                recurrentBiasGrad[j] += step[i * g3 + j];
            }
        }
        gates.write(at, row, 0, n * g3);
        recurrent.write(at, step, 0, n * g3);
        if (t > end) {
            carry.propagate(step, u);
        }
    }

    /**
     * dL/dX and dL/dP of example i at step t into {@code row} and {@code step}, given dL/dh_t in {@code grad}; sets
     * the direct part of dL/dh_{t−1} in {@code direct}.
     */
    private void backwardRow(int t, int i, int n) {
        int h = hidden;
        int a = i * 3 * h;
        int hp = (t * n + i) * h;         // P_n, and h_{t−1} in states
        int r = i * h;
        int g = i * 3 * h;
        double m = seq.mask(t, i);
        for (int j = 0; j < h; j++) {
            double dh = grad[r + j] * m;                              // h_t = m ⊙ h'
            double z = act[a + h + j];
            double nv = act[a + 2 * h + j];
            row[g + 2 * h + j] = dh * (1.0 - z);                      // dL/dn
            row[g + h + j] = dh * (states[hp + j] - nv);              // dL/dz
            direct[r + j] = dh * z;
        }
        candidateFn.backprop(act, a + 2 * h, row, g + 2 * h, h);     // dL/dX_n
        for (int j = 0; j < h; j++) {
            row[g + j] = row[g + 2 * h + j] * hpN[hp + j];            // dL/dr
            step[g + 2 * h + j] = row[g + 2 * h + j] * act[a + j];    // dL/dP_n = r ⊙ dL/dX_n
        }
        gateFn.backprop(act, a, row, g, 2 * h);                      // dL/dX_r, dL/dX_z
        System.arraycopy(row, g, step, g, 2 * h);                     // P_r and P_z enter like X_r and X_z
    }
}
