package dev.rill.layers.kernel;

import org.nd4j.common.base.Preconditions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every recurrent kernel keeps of a sequence pass, time-major: row t·N + i holds example i at step t, so one
 * step's rows are contiguous and each is a single BLAS operand, and all steps together are one operand for the
 * products outside the time loop.
 *
 * <pre>
 *   inputs          [T·N, nIn]      x_t, copied from DL4J's [N, nIn, T]
 *   states          [(T+1)·N, H]    block 0 the initial state h_0, block t+1 the output h_t
 *   epsilons        [T·N, H]        dL/dh_t from the layer above, copied from [N, H, T]
 *   inputGradients  [T·N, nIn]      dL/dx_t, copied out to [N, nIn, T]
 *   mask            [T·N]           m_t per example (null: all ones)
 * </pre>
 * With states laid out this way, blocks 0..T−1 are the previous states h_{t−1} of every step: one operand for the
 * recurrent weight gradient Σ_t h_{t−1}ᵀ·dG_t.
 */
final class TimeMajorSequence {

    private final HostBuffer inputs;
    private final HostBuffer states;
    private final HostBuffer epsilons;
    private final HostBuffer inputGradients;
    private double[] mask;
    private int batch;
    private int steps;
    private int inputSize;
    private int hidden;

    TimeMajorSequence(DataType type) {
        inputs = new HostBuffer(type);
        states = new HostBuffer(type);
        epsilons = new HostBuffer(type);
        inputGradients = new HostBuffer(type);
    }

    /**
     * Starts a pass: copies the input time-major and reads the mask.
     *
     * @param input  [N, nIn, T] in the kernel's data type, any strides
     * @param mask   [N, T] or null
     * @param hidden H, the state size
     */
    void load(INDArray input, INDArray mask, int hidden) {
        batch = (int) input.size(0);
        inputSize = (int) input.size(1);
        steps = (int) input.size(2);
        this.hidden = hidden;
        long rows = (long) steps * batch;
        inputs.ensure(rows * inputSize);
        states.ensure((rows + batch) * hidden);
        inputs.view(steps, batch, inputSize).assign(input.permute(2, 0, 1));
        this.mask = mask == null ? null : timeMajor(mask);
    }

    private double[] timeMajor(INDArray mask) {
        Preconditions.checkArgument(mask.rank() == 2 && mask.size(0) == batch && mask.size(1) == steps,
                "mask must be [minibatch, T] = [%s, %s], got %ndShape", batch, steps, mask);
        double[] m = new double[batch * steps];   // [N][T]
        NativeArrays.read(mask, m);
        double[] out = new double[steps * batch];
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                out[t * batch + i] = m[i * steps + t];
            }
        }
        return out;
    }

    /** Sets h_0 from a stored state [N, H], or to zeros; {@code copy} (length N·H) receives it too. */
    void initialState(INDArray h0, double[] copy) {
        if (h0 == null) {
            java.util.Arrays.fill(copy, 0, batch * hidden, 0.0);
        } else {
            Preconditions.checkArgument(h0.rank() == 2 && h0.size(0) == batch && h0.size(1) == hidden,
                    "stored state has shape %ndShape but the input needs [%s, %s]: call rnnClearPreviousState() between"
                            + " sequences of different minibatch size", h0, batch, hidden);
            NativeArrays.read(h0, copy);
        }
        states.write(0, copy, 0, batch * hidden);
    }

    int batch() {
        return batch;
    }

    int steps() {
        return steps;
    }

    int inputSize() {
        return inputSize;
    }

    /** m_t of example i (1 without a mask). */
    double mask(int t, int i) {
        return mask == null ? 1.0 : mask[t * batch + i];
    }

    /** Whether any example is masked at step t (most steps of most batches are not). */
    boolean masked(int t) {
        if (mask == null) {
            return false;
        }
        for (int i = t * batch; i < (t + 1) * batch; i++) {
            if (mask[i] != 1.0) {
                return true;
            }
        }
        return false;
    }

    /** Inputs of steps [from, to) as [(to − from)·N, nIn]. */
    Matrix inputs(int from, int to) {
        return inputs.matrix((long) from * batch * inputSize, (to - from) * batch, inputSize);
    }

    /** States h_{from−1} .. h_{to−2}: the previous states of steps [from, to), as [(to − from)·N, H]. */
    Matrix previousStates(int from, int to) {
        return states.matrix((long) from * batch * hidden, (to - from) * batch, hidden);
    }

    /** Stores h_t (N·H values of {@code src} from {@code srcFrom}) as the output of step t. */
    void writeOutput(int t, double[] src, int srcFrom) {
        states.write((long) (t + 1) * batch * hidden, src, srcFrom, batch * hidden);
    }

    /** Copies the outputs h_1..h_T into {@code out} [N, H, T]. */
    void copyOutputs(INDArray out) {
        states.copyBlocksTransposed((long) batch * hidden, steps, batch, hidden, out);
    }

    /** h_T as a new [N, H] array outside any workspace. */
    INDArray lastOutput() {
        double[] h = new double[batch * hidden];
        states.read((long) steps * batch * hidden, h, 0, batch * hidden);
        return NativeArrays.detached(states.type(), h, 0, batch, hidden);
    }

    /** Copies dL/dh [N, H, T] time-major, for {@link #readEpsilon}. */
    void loadEpsilon(INDArray epsilon) {
        Preconditions.checkArgument(epsilon.size(0) == batch && epsilon.size(1) == hidden && epsilon.size(2) == steps,
                "epsilon must be [%s, %s, %s], got %ndShape", batch, hidden, steps, epsilon);
        epsilons.ensure((long) steps * batch * hidden);
        epsilons.view(steps, batch, hidden).assign(epsilon.permute(2, 0, 1));
    }

    /** dL/dh_t from the layer above into {@code dst[0 .. N·H)}. */
    void readEpsilon(int t, double[] dst) {
        epsilons.read((long) t * batch * hidden, dst, 0, batch * hidden);
    }

    /** Makes room for dL/dx of every step (before products on other threads write it). */
    void prepareInputGradients() {
        inputGradients.ensure((long) steps * batch * inputSize);
    }

    /** dL/dx of steps [from, to) as [(to − from)·N, nIn], for a product to write; see {@link #prepareInputGradients}. */
    Matrix inputGradients(int from, int to) {
        return inputGradients.matrix((long) from * batch * inputSize, (to - from) * batch, inputSize);
    }

    /** Copies dL/dx into {@code epsOut} [N, nIn, T]: steps before {@code first} get zero (outside the window). */
    void copyInputGradients(INDArray epsOut, int first) {
        inputGradients.ensure((long) steps * batch * inputSize);
        inputGradients.zero(0, first * batch * inputSize);
        inputGradients.copyBlocksTransposed(0, steps, batch, inputSize, epsOut);
    }
}
