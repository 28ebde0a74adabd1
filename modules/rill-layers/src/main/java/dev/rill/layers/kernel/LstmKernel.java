package dev.rill.layers.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward and backward pass of an LSTM over a whole sequence, with DL4J's {@code LSTM} gate maths and parameter
 * layout. For step t, with x_t [N, nIn], the previous output h and cell c [N, H], and mask m_t [N]:
 * <pre>
 *   G  = x_t·W + h·U + b                       [N, 4H], column blocks  z | f | o | i
 *   z  = act(G_z)    f = σ(G_f)    o = σ(G_o)    i = σ(G_i)
 *   c' = f ⊙ c + i ⊙ z
 *   h' = o ⊙ act(c')
 *   h_t = m_t ⊙ h'     c_t = m_t ⊙ c'          (masked steps output 0 and restart from a zero state)
 * </pre>
 * act is the layer's activation (tanh by default), σ its gate activation (sigmoid by default).
 *
 * <h2>How it is computed</h2>
 * <ol>
 *   <li>Products for the input side of every step, G = X·W, [T·N, nIn] x [nIn, 4H], a chunk of steps at a time
 *       ({@link StepChunks}: on a second thread when BLAS has two).</li>
 *   <li>Per step only the recurrent product G_t += h_{t−1}·U (BLAS, in place), then one pass of plain Java over the
 *       step's [N, 4H] block for the gate maths, keeping the activations (over G_t), cells and act(c') for
 *       backprop.</li>
 *   <li>Backward runs the steps in reverse: Java computes dL/dG_t from the kept activations and writes it over G_t;
 *       BLAS carries dL/dh_{t−1} = dL/dG_t·Uᵀ ({@link RecurrentCarry}). The cell gradient is carried in Java.</li>
 *   <li>Behind the loop, products for dW = Xᵀ·dG, dU = H_prevᵀ·dG and dL/dx = dG·Wᵀ, a chunk of steps at a time.</li>
 * </ol>
 * Buffers are kept between passes and only grow, so a training loop allocates nothing after its first minibatch.
 * An instance serves one layer and one thread.
 */
public final class LstmKernel {

    /**
     * Parameters (or their gradient views) in DL4J's LSTM layout: W [nIn, 4H] and U [H, 4H] 'f' ordered, b [4H],
     * gate blocks z | f | o | i.
     */
    public record Weights(INDArray input, INDArray recurrent, INDArray bias) {
    }

    /** A carried state: output h and cell c, each [N, H]. */
    public record State(INDArray h, INDArray c) {
    }

    private final GateFunction cellFn;
    private final GateFunction gateFn;
    private final TimeMajorSequence seq;
    private final HostBuffer gates;    // [T·N, 4H] pre-activations, then activations; dL/dG after backward
    private final RecurrentCarry carry;
    private double[] act = new double[0];       // [N·4H] one step of gates: pre-activations, then activations
    private double[] cells = new double[0];     // [(T+1)·N·H] c_t (masked); block 0 is c_0
    private double[] cellAct = new double[0];   // [T·N·H] act(c'_t)
    private double[] row = new double[0];       // [N·4H] one step of dL/dG
    private double[] out = new double[0];       // [N·H] one step of h_t, or of dL/dh
    private double[] cellGrad = new double[0];  // [N·H] dL/dc_t carried backwards
    private double[] scratch = new double[0];   // [N·H]
    private Weights weights;
    private int hidden;

    /**
     * @param activation     act, applied to the cell input and the cell
     * @param gateActivation σ, applied to the forget, output and input gates
     * @param type           FLOAT or DOUBLE: the data type of inputs, parameters and results
     */
    public LstmKernel(GateFunction activation, GateFunction gateActivation, DataType type) {
        this.cellFn = activation;
        this.gateFn = gateActivation;
        this.seq = new TimeMajorSequence(type);
        this.gates = new HostBuffer(type);
        this.carry = new RecurrentCarry(type);
    }

    /**
     * Runs the sequence and keeps what backprop needs.
     *
     * @param input   [N, nIn, T]
     * @param mask    [N, T], or null
     * @param w       parameters
     * @param initial state before step 0, or null for zeros
     */
    public void forward(INDArray input, INDArray mask, Weights w, State initial) {
        weights = w;
        hidden = (int) w.recurrent().size(0);
        int h = hidden;
        int g4 = 4 * h;
        seq.load(input, mask, h);
        int n = seq.batch();
        int steps = seq.steps();
        int rows = steps * n;
        act = ScratchArrays.grow(act, (long) n * g4);
        cells = ScratchArrays.grow(cells, (long) (rows + n) * h);
        cellAct = ScratchArrays.grow(cellAct, (long) rows * h);
        out = ScratchArrays.grow(out, (long) n * h);
        seq.initialState(initial == null ? null : initial.h(), out);
        if (initial == null) {
            java.util.Arrays.fill(cells, 0, n * h, 0.0);
        } else {
            NativeArrays.read(initial.c(), cells);
        }

        gates.ensure((long) rows * g4);
        double[] b = new double[(int) w.bias().length()];
        NativeArrays.read(w.bias(), b);
        Matrix wIn = Matrix.weights(w.input());
        Matrix u = Matrix.weights(w.recurrent());
        boolean zeroStart = initial == null;
        StepChunks.forward(steps, n,
                (from, to) -> Blas.gemm(seq.inputs(from, to), wIn, gates.matrix((long) from * n * g4, (to - from) * n, g4), 0.0),
                t -> forwardStep(t, n, b, u, zeroStart));
    }

    /** Step t: the recurrent product into G_t, the gate maths of every row, h_t into the sequence's outputs. */
    private void forwardStep(int t, int n, double[] b, Matrix u, boolean zeroStart) {
        int g4 = 4 * hidden;
        long a0 = (long) t * n * g4;
        if (t > 0 || !zeroStart) {
            Blas.gemm(seq.previousStates(t, t + 1), u, gates.matrix(a0, n, g4), 1.0);
        }
        gates.read(a0, act, 0, n * g4);
        for (int i = 0; i < n; i++) {
            forwardRow(t, i, n, b);
        }
        // The activations replace the pre-activations: backprop reads them back a step at a time, so the per-step
        // working set stays small (the recurrent weights are read from cache at every step).
        gates.write(a0, act, 0, n * g4);
        seq.writeOutput(t, out, 0);
    }

    /** Gate maths of example i at step t: activations into {@code act}, c_t, act(c'_t), and h_t into {@code out}. */
    private void forwardRow(int t, int i, int n, double[] b) {
        int h = hidden;
        int a = i * 4 * h;                // G_t row i in act
        int cPrev = (t * n + i) * h;      // c_{t−1} in cells
        int cNew = cPrev + n * h;         // c_t in cells
        int ca = (t * n + i) * h;         // act(c'_t) in cellAct
        for (int j = 0; j < 4 * h; j++) {
            act[a + j] += b[j];
        }
        cellFn.apply(act, a, h);
        gateFn.apply(act, a + h, 3 * h);
        for (int j = 0; j < h; j++) {
            double c = act[a + h + j] * cells[cPrev + j] + act[a + 3 * h + j] * act[a + j];
            cells[cNew + j] = c;
            cellAct[ca + j] = c;
        }
        cellFn.apply(cellAct, ca, h);
        double m = seq.mask(t, i);
        for (int j = 0; j < h; j++) {
            out[i * h + j] = m * act[a + 2 * h + j] * cellAct[ca + j];
        }
        if (m != 1.0) {
            for (int j = 0; j < h; j++) {
                cells[cNew + j] *= m;
            }
        }
    }

    /** Copies h_1..h_T of the last forward pass into {@code output} [N, H, T]. */
    public void copyOutputs(INDArray output) {
        seq.copyOutputs(output);
    }

    /** The state after the last step, as new arrays outside any workspace (to carry into the next call). */
    public State lastState() {
        int n = seq.batch();
        int h = hidden;
        INDArray hLast = seq.lastOutput();
        return new State(hLast, NativeArrays.detached(hLast.dataType(), cells, seq.steps() * n * h, n, h));
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
        int g4 = 4 * h;
        int n = seq.batch();
        int steps = seq.steps();
        int end = window > 0 ? Math.max(0, steps - window) : 0;
        seq.loadEpsilon(epsilon);
        row = ScratchArrays.grow(row, (long) n * g4);
        cellGrad = ScratchArrays.grow(cellGrad, (long) n * h);
        scratch = ScratchArrays.grow(scratch, (long) n * h);
        carry.start(n, g4, h);
        java.util.Arrays.fill(cellGrad, 0, n * h, 0.0);
        double[] biasGrad = new double[g4];
        Matrix u = Matrix.weights(weights.recurrent());
        Matrix wInT = Matrix.weights(weights.input()).t();
        Matrix dWt = Matrix.weightGradientTransposed(grads.input());
        Matrix dUt = Matrix.weightGradientTransposed(grads.recurrent());
        seq.prepareInputGradients();
        int[] chunksDone = {0};
        StepChunks.backward(steps, end, n,
                (from, to) -> {
                    // dW += X_chunkᵀ·dG_chunk, dU += H_prevᵀ·dG_chunk (the first chunk overwrites), dL/dx = dG·Wᵀ.
                    Matrix dG = gates.matrix((long) from * n * g4, (to - from) * n, g4);
                    double beta = chunksDone[0]++ == 0 ? 0.0 : 1.0;
                    Blas.gemm(dG.t(), seq.inputs(from, to), dWt, beta);
                    Blas.gemm(dG.t(), seq.previousStates(from, to), dUt, beta);
                    Blas.gemm(dG, wInT, seq.inputGradients(from, to), 0.0);
                },
                t -> backwardStep(t, n, end, u, biasGrad));
        grads.bias().assign(Nd4j.createFromArray(biasGrad).reshape(grads.bias().shape()));
        seq.copyInputGradients(epsOut, end);
    }

    /** Step t of backprop: dL/dh_t, then dL/dG_t of every row over G_t, then dL/dh_{t−1} through U. */
    private void backwardStep(int t, int n, int end, Matrix u, double[] biasGrad) {
        int g4 = 4 * hidden;
        seq.readEpsilon(t, out);
        gates.read((long) t * n * g4, act, 0, n * g4);
        if (t < seq.steps() - 1) {
            carry.addTo(out);
        }
        for (int i = 0; i < n; i++) {
            backwardRow(t, i, n);
            for (int j = 0; j < g4; j++) {
                biasGrad[j] += row[i * g4 + j];
            }
        }
        gates.write((long) t * n * g4, row, 0, n * g4);
        if (t > end) {
            carry.propagate(row, u);
        }
    }

    /**
     * dL/dG of example i at step t into {@code row}, given dL/dh_t in {@code out}; updates the carried dL/dc.
     * Activations' derivatives come from their outputs (see {@link GateFunction}).
     */
    private void backwardRow(int t, int i, int n) {
        int h = hidden;
        int a = i * 4 * h;
        int cPrev = (t * n + i) * h;
        int ca = cPrev;
        int r = i * h;
        int g = i * 4 * h;
        double m = seq.mask(t, i);
        double[] dAct = scratch;   // dL/d act(c'_t)
        for (int j = 0; j < h; j++) {
            double dh = out[r + j] * m;                       // h_t = m ⊙ h'
            row[g + 2 * h + j] = dh * cellAct[ca + j];        // dL/do
            dAct[r + j] = dh * act[a + 2 * h + j];
        }
        cellFn.backprop(cellAct, ca, dAct, r, h);            // dL/dc' through h'
        for (int j = 0; j < h; j++) {
            double dc = cellGrad[r + j] * m + dAct[r + j];    // c_t = m ⊙ c', plus the path through h'
            row[g + j] = dc * act[a + 3 * h + j];             // dL/dz
            row[g + h + j] = dc * cells[cPrev + j];           // dL/df
            row[g + 3 * h + j] = dc * act[a + j];             // dL/di
            cellGrad[r + j] = dc * act[a + h + j];            // dL/dc_{t−1}
        }
        cellFn.backprop(act, a, row, g, h);
        gateFn.backprop(act, a + h, row, g + h, 3 * h);
    }
}
