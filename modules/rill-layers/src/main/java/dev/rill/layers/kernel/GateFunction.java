package dev.rill.layers.kernel;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * An activation function applied by the recurrent kernels in plain Java over a run of a {@code double[]}: one call
 * per gate block of a row instead of one native op per gate and step.
 *
 * <p>Every function here has a derivative that can be written with its output y = f(x) alone (σ' = y(1 − y),
 * tanh' = 1 − y², ...), so backprop needs only the activations kept from the forward pass, not the pre-activations.
 */
public interface GateFunction {

    /** a[from .. from+len) = f(a[from .. from+len)), in place. */
    void apply(double[] a, int from, int len);

    /** g[gFrom + i] *= f'(x_i) for i &lt; len, where y[yFrom + i] = f(x_i). */
    void backprop(double[] y, int yFrom, double[] g, int gFrom, int len);

    /**
     * The kernel version of a DL4J activation.
     *
     * <p>For FLOAT networks, sigmoid and tanh use a rational approximation of tanh (absolute error below 3e-7, under
     * the rounding of a float near 1) that the JIT vectorizes, about six times faster than {@code Math.exp}; DOUBLE
     * networks (gradient checks, equivalence tests) get the exact functions.
     *
     * @throws IllegalArgumentException for activations the kernels do not implement
     */
    static GateFunction of(IActivation fn, DataType precision) {
        boolean fast = precision != DataType.DOUBLE;
        if (fn instanceof ActivationSigmoid) {
            return fast ? GateFunctions.FAST_SIGMOID : GateFunctions.SIGMOID;
        }
        if (fn instanceof ActivationTanH) {
            return fast ? GateFunctions.FAST_TANH : GateFunctions.TANH;
        }
        if (fn instanceof ActivationHardSigmoid) {
            return GateFunctions.HARD_SIGMOID;
        }
        if (fn instanceof ActivationSoftSign) {
            return GateFunctions.SOFTSIGN;
        }
        if (fn instanceof ActivationIdentity) {
            return GateFunctions.IDENTITY;
        }
        if (fn instanceof ActivationReLU r && r.equals(new ActivationReLU())) {
            return GateFunctions.RELU;
        }
        throw new IllegalArgumentException("Rill's recurrent layers support the activations sigmoid, tanh, hardsigmoid,"
                + " softsign, identity and relu (default settings), got " + fn);
    }
}
