package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.rill.layers.RecurrentTestSupport.Cell;
import dev.rill.layers.kernel.KernelThreads;

/**
 * With two cores ({@link KernelThreads}), the kernels do the products outside the time loop on a helper thread, chunk
 * by chunk; with one, the same chunks run on the calling thread. Outputs, gradients and dL/dx must be identical, over several
 * chunks and with a truncated backward window that does not start on a chunk boundary.
 */
class HelperThreadTest {

    private static final LayerWorkspaceMgr MGR = LayerWorkspaceMgr.noWorkspaces();
    private static final int BATCH = 16;   // 256 rows per chunk: 16 steps
    private static final int STEPS = 45;

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    @AfterEach
    void oneCore() {
        KernelThreads.configure(1);
    }

    /** Output, flat gradient and dL/dx of a full backprop and of a truncated one (last 21 steps). */
    private static List<INDArray> run(Cell cell, int cores) {
        KernelThreads.configure(cores);
        MultiLayerNetwork net = new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(61).list()
                .layer(cell.layer(3, 5, RNNFormat.NCW))
                .layer(RecurrentTestSupport.mseOut(5, 2, RNNFormat.NCW))
                .build());
        net.init();
        net.initGradientsView();
        var layer = (org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer<?>) net.getLayer(0);
        Nd4j.getRandom().setSeed(62);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, 3, STEPS).subi(0.5);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, BATCH, 5, STEPS).subi(0.5);
        List<INDArray> results = new ArrayList<>();
        layer.setInput(x, MGR);
        results.add(layer.activate(true, MGR).dup());
        Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> full = layer.backpropGradient(eps, MGR);
        results.add(full.getFirst().gradient().dup());
        results.add(full.getSecond().dup());
        layer.setInput(x, MGR);
        Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> truncated = layer.tbpttBackpropGradient(eps, 21, MGR);
        results.add(truncated.getFirst().gradient().dup());
        results.add(truncated.getSecond().dup());
        return results;
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void results_with_the_helper_thread_are_identical_to_one_thread(Cell cell) {
        List<INDArray> one = run(cell, 1);
        List<INDArray> two = run(cell, 2);
        assertTrue(KernelThreads.helper(), "the helper thread ran");
        for (int i = 0; i < one.size(); i++) {
            assertEquals(0.0, one.get(i).sub(two.get(i)).amaxNumber().doubleValue(), 0.0, "result " + i);
        }
    }
}
