package dev.rill.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.HashMap;
import java.util.Map;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The finite-difference check of truncated BPTT's second segment: the loss of segment 2 as a
 * function of the parameters, with the state carried from segment 1 held fixed (detached), against
 * the gradient {@code MultiLayerNetwork} computes for it. Shared by the GRU's test and the test that
 * documents DL4J's defect.
 */
final class SegmentGradientCheck {

    static final double EPSILON = 1e-6;
    static final double MAX_REL_ERROR = 1e-5;
    static final double MIN_ABS_ERROR = 1e-8;
    static final int SEGMENT = 4;

    private SegmentGradientCheck() {
    }

    /**
     * What the check found.
     *
     * @param parameters parameters checked
     * @param failures   parameters whose gradient is off by more than both tolerances
     * @param maxRel     largest relative error
     * @param maxAbs     largest absolute error
     */
    record Result(long parameters, int failures, double maxRel, double maxAbs) {
    }

    /** recurrent layer (nIn 3, nOut 4) -> MSE output (2), TBPTT segments of {@link #SEGMENT}, double precision. */
    static MultiLayerNetwork network(long seed, Layer recurrent) {
        // Learning rate 0: fit() computes gradients but leaves the parameters (and so segment 2's function) alone.
        // (NoOp would not do: DL4J applies the raw gradient as the update then.)
        MultiLayerConfiguration conf = RecurrentTestSupport.gradientCheckBase(seed).updater(new Sgd(0.0)).list()
                .layer(recurrent)
                .layer(RecurrentTestSupport.mseOut(4, 2, RNNFormat.NCW))
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(SEGMENT).tBPTTBackwardLength(SEGMENT)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static INDArray segment(INDArray seq, int k) {
        return seq.get(all(), all(), interval(k * SEGMENT, (k + 1) * SEGMENT)).dup();
    }

    static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> c = new HashMap<>();
        state.forEach((k, v) -> c.put(k, v.dup()));
        return c;
    }

    /** The state after running segment 1 of {@code x} from a zero state. */
    static Map<String, INDArray> carriedState(MultiLayerNetwork net, INDArray x) {
        net.rnnClearPreviousState();
        net.rnnTimeStep(segment(x, 0));
        return copy(net.rnnGetPreviousState(0));
    }

    /** Score and raw gradient of segment 2 through MultiLayerNetwork's TBPTT code path, from a fixed carried state. */
    static double segmentTwoScore(MultiLayerNetwork net, Map<String, INDArray> carried, INDArray in, INDArray labels) {
        BaseRecurrentLayer<?> layer = (BaseRecurrentLayer<?>) net.getLayer(0);
        // What MultiLayerNetwork.doTruncatedBPTT leaves behind after segment 1: the TBPTT state, also copied
        // into the ordinary state map.
        layer.rnnSetPreviousState(copy(carried));
        layer.rnnSetTBPTTState(copy(carried));
        net.setInput(in);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.score();
    }

    /** Compares segment 2's analytic gradient with central differences, parameter by parameter. */
    static Result run(MultiLayerNetwork net, INDArray x, INDArray y) {
        INDArray x2 = segment(x, 1);
        INDArray y2 = segment(y, 1);
        Map<String, INDArray> carried = carriedState(net, x);
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
        return new Result(params.length(), failures, maxRel, maxAbs);
    }
}
