package dev.rill.layers.kernel;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The gradient a time step sends back through the recurrent weights: dL/dh_{t−1} = dL/dG_t·Uᵀ, [N, G]·[G, H].
 *
 * <p>It is computed transposed, (dL/dh_{t−1})ᵀ = U·(dL/dG_t)ᵀ, [H, G]·[G, N]: with a small minibatch N, OpenBLAS
 * runs that shape about 1.5 times as fast as the straight one (67 vs 45 GFLOP/s for N = 32, H = 256, G = 1024 on one
 * core, measured), and the transpositions on either side are cheap Java loops over one step's block.
 */
final class RecurrentCarry {

    private final HostBuffer gradT;    // [G, N] dL/dG_t transposed
    private final HostBuffer carryT;   // [H, N] dL/dh_{t−1} transposed
    private double[] scratch = new double[0];
    private int batch;
    private int gates;
    private int hidden;

    RecurrentCarry(DataType type) {
        gradT = new HostBuffer(type);
        carryT = new HostBuffer(type);
    }

    /** Sizes the buffers for a pass with minibatch N, G gate columns and H units. */
    void start(int batch, int gates, int hidden) {
        this.batch = batch;
        this.gates = gates;
        this.hidden = hidden;
        gradT.ensure((long) gates * batch);
        carryT.ensure((long) hidden * batch);
        scratch = ScratchArrays.grow(scratch, (long) gates * batch);
    }

    /**
     * Computes dL/dh_{t−1} from one step's dL/dG.
     *
     * @param grad      dL/dG_t [N, G], row-major
     * @param recurrent U as a product operand [H, G] ({@link Matrix#weights} of the 'f'-ordered [H, G] parameter)
     */
    void propagate(double[] grad, Matrix recurrent) {
        int n = batch;
        int g = gates;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < g; j++) {
                scratch[j * n + i] = grad[i * g + j];
            }
        }
        gradT.write(0, scratch, 0, g * n);
        Blas.gemm(recurrent, gradT.matrix(0, g, n), carryT.matrix(0, hidden, n), 0.0);
    }

    /** Adds the last {@link #propagate}d dL/dh_{t−1} to {@code dh} [N, H], row-major. */
    void addTo(double[] dh) {
        int n = batch;
        int h = hidden;
        carryT.read(0, scratch, 0, h * n);
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < n; i++) {
                dh[i * h + j] += scratch[j * n + i];
            }
        }
    }
}
