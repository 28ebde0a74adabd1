package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.rill.layers.RecurrentTestSupport.Cell;

/**
 * Backprop reuses the activations of the training forward pass just before it (see {@link KernelRecurrentLayer}):
 * the result must be exactly what recomputing the forward pass gives, and a different pass in between must never be
 * mistaken for it.
 */
class ForwardPassReuseTest {

    private static final LayerWorkspaceMgr MGR = LayerWorkspaceMgr.noWorkspaces();

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    private static Layer layer(Cell cell) {
        MultiLayerNetwork net = new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(51).list()
                .layer(cell.layer(3, 4, RNNFormat.NCW))
                .layer(RecurrentTestSupport.mseOut(4, 2, RNNFormat.NCW))
                .build());
        net.init();
        net.initGradientsView();
        return net.getLayer(0);
    }

    /** Gradient (a copy) and dL/dx of backprop on the layer's current input. */
    private static Pair<INDArray, INDArray> backprop(Layer layer, INDArray eps) {
        Pair<Gradient, INDArray> p = layer.backpropGradient(eps, MGR);
        return new Pair<>(p.getFirst().gradient().dup(), p.getSecond().dup());
    }

    private static void assertSame(Pair<INDArray, INDArray> expected, Pair<INDArray, INDArray> actual) {
        assertEquals(0.0, expected.getFirst().sub(actual.getFirst()).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, expected.getSecond().sub(actual.getSecond()).amaxNumber().doubleValue(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void backprop_after_a_training_pass_equals_backprop_that_recomputes_it(Cell cell) {
        Layer layer = layer(cell);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 5).subi(0.5);   // [mb, nIn, T]
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 2, 4, 5);           // [mb, H, T]

        layer.setInput(x, MGR);
        layer.activate(true, MGR);
        Pair<INDArray, INDArray> reused = backprop(layer, eps);

        layer.setInput(x, MGR);   // no forward pass since: backprop must compute it
        assertSame(reused, backprop(layer, eps));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void another_pass_between_forward_and_backprop_is_not_mistaken_for_the_training_pass(Cell cell) {
        Layer layer = layer(cell);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 5).subi(0.5);
        INDArray other = Nd4j.rand(DataType.DOUBLE, 3, 3, 7).subi(0.5);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 2, 4, 5);
        layer.setInput(x, MGR);
        Pair<INDArray, INDArray> expected = backprop(layer, eps);

        // Training pass on x, then an inference pass on other data through the same buffers, then backprop on x.
        layer.activate(x, true, MGR);
        layer.activate(other, false, MGR);
        layer.setInput(x, MGR);
        assertSame(expected, backprop(layer, eps));

        // Training pass on x, then a training pass on other data: the kept pass belongs to other data.
        layer.activate(x, true, MGR);
        layer.activate(other, true, MGR);
        layer.setInput(x, MGR);
        assertSame(expected, backprop(layer, eps));

        // Training pass with a mask, then backprop without: the kept pass had a different function.
        layer.setMaskArray(RecurrentTestSupport.rightPaddedMask(new int[] {5, 2}, 5));
        layer.activate(x, true, MGR);
        layer.setMaskArray(null);
        assertSame(expected, backprop(layer, eps));
    }
}
