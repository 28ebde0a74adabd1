package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.HashMap;
import java.util.Map;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.nd4j.linalg.activations.Activation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Documents a defect of DL4J 1.0.0-M2.1 that Rill works around: during truncated BPTT,
 * {@code MultiLayerNetwork} calls {@code backpropGradient} (not {@code tbpttBackpropGradient}), and DL4J's
 * {@code LSTM} and {@code SimpleRnn} then recompute the segment's forward pass from a zero state, so gradients of every segment after
 * the first are wrong. Rill's config validation therefore rejects {@code cell: lstm} and {@code cell: rnn} with
 * {@code tbptt > 0}.
 * The same finite-difference check passes for Rill's GRU ({@link GruTbpttTest}). If this test fails after a DL4J
 * upgrade, the defect is fixed and the restriction can go.
 */
class Dl4jTbpttDefectTest {

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

    private static MultiLayerNetwork tbpttNet(long seed, org.deeplearning4j.nn.conf.layers.Layer recurrent) {
        // Learning rate 0: fit() computes gradients but leaves the parameters (and so segment 2's function) alone.
        // (NoOp would not do: DL4J applies the raw gradient as the update then.)
        MultiLayerConfiguration conf = GruTestSupport.gradientCheckBase(seed).updater(new Sgd(0.0)).list()
                .layer(recurrent)
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
        BaseRecurrentLayer<?> gru = (BaseRecurrentLayer<?>) net.getLayer(0);
        // What MultiLayerNetwork.doTruncatedBPTT leaves behind after segment 1: the TBPTT state, also copied
        // into the ordinary state map.
        gru.rnnSetPreviousState(copy(carried));
        gru.rnnSetTBPTTState(copy(carried));
        net.setInput(in);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.score();
    }

    static java.util.stream.Stream<org.deeplearning4j.nn.conf.layers.Layer> dl4jCells() {
        return java.util.stream.Stream.of(
                new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build(),
                new SimpleRnn.Builder().nIn(3).nOut(4).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build());
    }

    @ParameterizedTest
    @MethodSource("dl4jCells")
    void dl4j_segment_two_gradient_does_not_match_finite_differences(org.deeplearning4j.nn.conf.layers.Layer recurrent) {
        MultiLayerNetwork net = tbpttNet(11, recurrent);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2 * SEGMENT).subi(0.5);   // [mb, nIn, T]
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2, 2 * SEGMENT);             // [mb, nOut, T]
        INDArray x2 = segment(x, 1);
        INDArray y2 = segment(y, 1);

        net.rnnClearPreviousState();
        net.rnnTimeStep(segment(x, 0));
        Map<String, INDArray> carried = copy(net.rnnGetPreviousState(0));

        // The segment really continues from the carried state: its output equals the whole-sequence output.
        BaseRecurrentLayer<?> gru = (BaseRecurrentLayer<?>) net.getLayer(0);
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
                            }
            maxRel = Math.max(maxRel, rel);
            maxAbs = Math.max(maxAbs, abs);
        }
        System.out.printf("DL4J %s TBPTT segment-2 gradient: %d of %d params off, max rel error %.3g%n",
                recurrent.getClass().getSimpleName(), failures, params.length(), maxRel);
        assertTrue(failures > params.length() / 2, "DL4J's LSTM TBPTT gradient now matches: lift Rill's restriction on it with tbptt");
    }
}
