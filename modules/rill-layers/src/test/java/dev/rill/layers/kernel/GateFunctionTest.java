package dev.rill.layers.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;

/** Values and derivatives of the kernels' activation functions. */
class GateFunctionTest {

    private static double[] grid() {
        double[] x = new double[4001];
        for (int i = 0; i < x.length; i++) {
            x[i] = -20 + i * 0.01;
        }
        return x;
    }

    private static double maxError(GateFunction f, DoubleUnaryOperator exact) {
        double[] x = grid();
        double[] y = x.clone();
        f.apply(y, 0, y.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] - exact.applyAsDouble(x[i])));
        }
        return worst;
    }

    @Test
    void exact_functions_agree_with_the_definitions_to_rounding() {
        assertTrue(maxError(GateFunctions.SIGMOID, v -> 1 / (1 + Math.exp(-v))) < 1e-15);
        assertTrue(maxError(GateFunctions.TANH, Math::tanh) < 1e-15);
    }

    @Test
    void fast_functions_are_within_float_rounding_of_the_exact_ones() {
        assertTrue(maxError(GateFunctions.FAST_TANH, Math::tanh) < 3e-7);
        assertTrue(maxError(GateFunctions.FAST_SIGMOID, v -> 1 / (1 + Math.exp(-v))) < 2e-7);
    }

    /** backprop multiplies by f'(x), computed from y = f(x): compare with central differences of apply. */
    @ParameterizedTest
    @EnumSource(GateFunctions.class)
    void derivative_from_the_output_matches_central_differences(GateFunctions f) {
        double[] x = {-3.1, -0.7, -0.05, 0.3, 1.9, 2.2};   // away from the kinks of relu and hardsigmoid
        double[] y = x.clone();
        f.apply(y, 0, y.length);
        double[] g = new double[x.length];
        java.util.Arrays.fill(g, 1.0);
        f.backprop(y, 0, g, 0, g.length);
        for (int i = 0; i < x.length; i++) {
            double[] p = {x[i] + 1e-6};
            double[] m = {x[i] - 1e-6};
            f.apply(p, 0, 1);
            f.apply(m, 0, 1);
            assertEquals((p[0] - m[0]) / 2e-6, g[i], 1e-6, f + " at " + x[i]);
        }
    }

    @Test
    void float_networks_get_the_fast_functions_and_double_networks_the_exact_ones() {
        assertSame(GateFunctions.FAST_TANH, GateFunction.of(new ActivationTanH(), DataType.FLOAT));
        assertSame(GateFunctions.TANH, GateFunction.of(new ActivationTanH(), DataType.DOUBLE));
        assertSame(GateFunctions.FAST_SIGMOID, GateFunction.of(new ActivationSigmoid(), DataType.FLOAT));
        assertSame(GateFunctions.SIGMOID, GateFunction.of(new ActivationSigmoid(), DataType.DOUBLE));
        assertThrows(IllegalArgumentException.class, () -> GateFunction.of(new ActivationSwish(), DataType.FLOAT));
    }
}
