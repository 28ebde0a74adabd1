package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Truncated BPTT: state carried across segments, gradients cut at the segment boundary.
 *
 * <p>The reference is the loss of segment 2 as a function of the parameters with the state carried from segment 1
 * held fixed (detached); its backprop gradient must match central finite differences of that same loss.
 */
class GruTbpttTest {

    static final double EPSILON = 1e-6;
    static final double MAX_REL_ERROR = 1e-5;
    static final double MIN_ABS_ERROR = 1e-8;
    /** Outputs of the same computation done two ways (segments vs whole sequence) must agree to this. */
    static final double SAME_COMPUTATION_TOLERANCE = 1e-12;

    private static final int SEGMENT = 4;

    @BeforeAll
    static void doublePrecision() {
        GruTestSupport.useDoublePrecision();
    }

    private static MultiLayerNetwork tbpttNet(long seed) {
        // Learning rate 0: fit() computes gradients but leaves the parameters (and so segment 2's function) alone.
        // (NoOp would not do: DL4J applies the raw gradient as the update then.)
        MultiLayerConfiguration conf = GruTestSupport.gradientCheckBase(seed).updater(new Sgd(0.0)).list()
                .layer(GruTestSupport.gru(3, 4, RNNFormat.NCW))
                .layer(GruTestSupport.mseOut(4, 2, RNNFormat.NCW))
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(SEGMENT).tBPTTBackwardLength(SEGMENT)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray segment(INDArray seq, int k) {
        return seq.get(all(), all(), interval(k * SEGMENT, (k + 1) * SEGMENT)).dup();
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> c = new HashMap<>();
        state.forEach((k, v) -> c.put(k, v.dup()));
        return c;
    }

    /** Score and raw gradient of segment 2 through MultiLayerNetwork's TBPTT code path, from a fixed carried state. */
    private static double segmentTwoScore(MultiLayerNetwork net, Map<String, INDArray> carried, INDArray in, INDArray labels) {
        GruLayer gru = (GruLayer) net.getLayer(0);
        // What MultiLayerNetwork.doTruncatedBPTT leaves behind after segment 1: the TBPTT state, also copied
        // into the ordinary state map.
        gru.rnnSetPreviousState(copy(carried));
        gru.rnnSetTBPTTState(copy(carried));
        net.setInput(in);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.score();
    }

    @Test
    void segment_two_gradient_with_carried_state_matches_finite_differences() {
        MultiLayerNetwork net = tbpttNet(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2 * SEGMENT).subi(0.5);   // [mb, nIn, T]
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2, 2 * SEGMENT);             // [mb, nOut, T]
        INDArray x2 = segment(x, 1);
        INDArray y2 = segment(y, 1);

        net.rnnClearPreviousState();
        net.rnnTimeStep(segment(x, 0));
        Map<String, INDArray> carried = copy(net.rnnGetPreviousState(0));
        assertTrue(carried.get(GruLayer.STATE_KEY_PREV_ACTIVATION).sumNumber().doubleValue() != 0.0);

        // The segment really continues from the carried state: its output equals the whole-sequence output.
        GruLayer gru = (GruLayer) net.getLayer(0);
        gru.rnnSetTBPTTState(copy(carried));
        INDArray segOut = gru.rnnActivateUsingStoredState(x2, false, false, LayerWorkspaceMgr.noWorkspaces());
        INDArray fullOut = gru.activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        assertTrue(segOut.equalsWithEps(fullOut.get(all(), all(), interval(SEGMENT, 2 * SEGMENT)), SAME_COMPUTATION_TOLERANCE));

        segmentTwoScore(net, carried, x2, y2);
        // DL4J's gradient is of the summed loss; the score averages over the minibatch (its updater divides).
        INDArray grad = net.gradient().gradient().dup().divi(x.size(0));

        INDArray params = net.params();
        double maxRel = 0;
        double maxAbs = 0;
        int failures = 0;
        for (long i = 0; i < params.length(); i++) {
            double orig = params.getDouble(i);
            params.putScalar(i, orig + EPSILON);
            double plus = segmentTwoScore(net, carried, x2, y2);
            params.putScalar(i, orig - EPSILON);
            double minus = segmentTwoScore(net, carried, x2, y2);
            params.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * EPSILON);
            double analytic = grad.getDouble(i);
            double abs = Math.abs(numeric - analytic);
            double rel = abs == 0 ? 0 : abs / (Math.abs(numeric) + Math.abs(analytic));
            if (rel > MAX_REL_ERROR && abs > MIN_ABS_ERROR) {
                failures++;
                System.err.printf("param %d: analytic %.10g numeric %.10g rel %.3g%n", i, analytic, numeric, rel);
            }
            maxRel = Math.max(maxRel, rel);
            maxAbs = Math.max(maxAbs, abs);
        }
        System.out.printf("TBPTT segment-2 gradient check: %d params, max rel error %.3g, max abs error %.3g%n",
                params.length(), maxRel, maxAbs);
        assertEquals(0, failures);
    }

    @Test
    void fit_with_tbptt_uses_the_carried_state_for_the_second_segment() {
        MultiLayerNetwork net = tbpttNet(12);
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

        reference.rnnClearPreviousState();
        reference.rnnClearPreviousState();
        reference.rnnTimeStep(segment(x, 0));
        Map<String, INDArray> carried = copy(reference.rnnGetPreviousState(0));
        segmentTwoScore(reference, carried, segment(x, 1), segment(y, 1));
        INDArray expected = reference.gradient().gradient();
        assertTrue(gradients.get(1).equalsWithEps(expected, SAME_COMPUTATION_TOLERANCE),
                "segment-2 gradient in fit() differs from the gradient with the carried state");
        assertTrue(net.rnnGetPreviousState(0).isEmpty(), "fit() clears the state after the last segment");
    }

    @Test
    void truncated_backward_length_sends_no_gradient_before_the_window() {
        MultiLayerNetwork net = tbpttNet(13);
        GruLayer gru = (GruLayer) net.getLayer(0);
        net.initGradientsView();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 6).subi(0.5);
        gru.rnnClearPreviousState();
        gru.setInput(x, mgr);
        INDArray eps = Nd4j.rand(DataType.DOUBLE, 2, 4, 6);   // [mb, H, T]
        INDArray epsOut = gru.tbpttBackpropGradient(eps, 2, mgr).getSecond();   // [mb, nIn, T]
        assertEquals(0.0, epsOut.get(all(), all(), interval(0, 4)).norm2Number().doubleValue(), 0.0);
        assertTrue(epsOut.get(all(), all(), interval(4, 6)).norm2Number().doubleValue() > 0);
    }
}
