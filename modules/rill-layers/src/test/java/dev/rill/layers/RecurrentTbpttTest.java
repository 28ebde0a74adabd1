package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.rill.layers.SegmentGradientCheck.carriedState;
import static dev.rill.layers.SegmentGradientCheck.copy;
import static dev.rill.layers.SegmentGradientCheck.segment;
import static dev.rill.layers.SegmentGradientCheck.segmentTwoScore;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.rill.layers.RecurrentTestSupport.Cell;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Truncated BPTT with Rill's GRU and LSTM: state carried across segments, gradients cut at the segment boundary.
 *
 * <p>The reference is the loss of segment 2 as a function of the parameters with the state carried from segment 1
 * held fixed (detached); its backprop gradient must match central finite differences of that same loss.
 */
class RecurrentTbpttTest {

    /** Outputs of the same computation done two ways (segments vs whole sequence) must agree to this. */
    static final double SAME_COMPUTATION_TOLERANCE = 1e-12;

    private static final int SEGMENT = SegmentGradientCheck.SEGMENT;

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    private static MultiLayerNetwork tbpttNet(Cell cell, long seed) {
        return SegmentGradientCheck.network(seed, cell.layer(3, 4, RNNFormat.NCW));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void segment_two_gradient_with_carried_state_matches_finite_differences(Cell cell) {
        MultiLayerNetwork net = tbpttNet(cell, 11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2 * SEGMENT).subi(0.5);   // [mb, nIn, T]
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2, 2 * SEGMENT);             // [mb, nOut, T]

        Map<String, INDArray> carried = carriedState(net, x);
        assertTrue(carried.get(GruLayer.STATE_KEY_PREV_ACTIVATION).sumNumber().doubleValue() != 0.0);

        // The segment really continues from the carried state: its output equals the whole-sequence output.
        BaseRecurrentLayer<?> layer = (BaseRecurrentLayer<?>) net.getLayer(0);
        layer.rnnSetTBPTTState(copy(carried));
        INDArray segOut = layer.rnnActivateUsingStoredState(segment(x, 1), false, false, LayerWorkspaceMgr.noWorkspaces());
        INDArray fullOut = layer.activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        assertTrue(segOut.equalsWithEps(fullOut.get(all(), all(), interval(SEGMENT, 2 * SEGMENT)), SAME_COMPUTATION_TOLERANCE));

        SegmentGradientCheck.Result r = SegmentGradientCheck.run(net, x, y);
        System.out.printf("TBPTT segment-2 gradient check (eps %.0e, max rel %.0e, min abs %.0e): %d params, max rel error %.3g,"
                        + " max abs error %.3g%n", SegmentGradientCheck.EPSILON, SegmentGradientCheck.MAX_REL_ERROR,
                SegmentGradientCheck.MIN_ABS_ERROR, r.parameters(), r.maxRel(), r.maxAbs());
        assertEquals(0, r.failures());
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void fit_with_tbptt_uses_the_carried_state_for_the_second_segment(Cell cell) {
        MultiLayerNetwork net = tbpttNet(cell, 12);
        MultiLayerNetwork reference = net.clone();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2 * SEGMENT).subi(0.5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2, 2 * SEGMENT);

        // Gradients of both segments as MultiLayerNetwork.fit computes them (NoOp updater: parameters stay put).
        List<INDArray> gradients = new ArrayList<>();
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model model) {
                gradients.add(model.gradient().gradient().dup());
            }
        });
        net.fit(new DataSet(x, y));
        assertEquals(2, gradients.size());

        Map<String, INDArray> carried = carriedState(reference, x);
        segmentTwoScore(reference, carried, segment(x, 1), segment(y, 1));
        INDArray expected = reference.gradient().gradient();
        assertTrue(gradients.get(1).equalsWithEps(expected, SAME_COMPUTATION_TOLERANCE),
                "segment-2 gradient in fit() differs from the gradient with the carried state");
        assertTrue(net.rnnGetPreviousState(0).isEmpty(), "fit() clears the state after the last segment");
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void truncated_backward_length_sends_no_gradient_before_the_window(Cell cell) {
        MultiLayerNetwork net = tbpttNet(cell, 13);
        BaseRecurrentLayer<?> layer = (BaseRecurrentLayer<?>) net.getLayer(0);
        net.initGradientsView();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 6).subi(0.5);
        layer.rnnClearPreviousState();
        layer.setInput(x, mgr);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 2, 4, 6);   // [mb, H, T]
        INDArray epsOut = layer.tbpttBackpropGradient(eps, 2, mgr).getSecond();   // [mb, nIn, T]
        assertEquals(0.0, epsOut.get(all(), all(), interval(0, 4)).norm2Number().doubleValue(), 0.0);
        assertTrue(epsOut.get(all(), all(), interval(4, 6)).norm2Number().doubleValue() > 0);
    }
}
