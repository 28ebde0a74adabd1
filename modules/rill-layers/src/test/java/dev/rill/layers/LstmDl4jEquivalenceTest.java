package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Rill's {@link LstmLayer} computes what DL4J's {@code LSTM} computes: from the same seed both networks start with
 * the same parameters, and on the same parameters their outputs, scores and gradients agree to rounding (1e-5 in
 * float, where Rill uses a fast tanh; 1e-10 in double), and so do masked outputs and streamed outputs and states.
 *
 * <p>Networks have two stacked LSTM layers, so the lower layer's gradients also check dL/dx of the upper one. Masked
 * maths is compared layer against layer: inside a MultiLayerNetwork DL4J's LSTM never receives the feature mask
 * ({@link Dl4jLstmMaskDefectTest}), while Rill's does.
 */
class LstmDl4jEquivalenceTest {

    private static final int N_IN = 3;
    private static final int H1 = 5;
    private static final int H2 = 4;
    private static final int CLASSES = 3;
    private static final int MB = 4;
    private static final int T = 6;

    /** A data type and how close the two implementations must be in it. */
    enum Precision {
        FLOAT(DataType.FLOAT, 1e-5), DOUBLE(DataType.DOUBLE, 1e-10);

        final DataType type;
        final double tolerance;

        Precision(DataType type, double tolerance) {
            this.type = type;
            this.tolerance = tolerance;
        }
    }

    private static Layer lstm(boolean rill, long nIn, long nOut) {
        return rill ? new LstmLayerConfig.Builder().nIn(nIn).nOut(nOut).build()
                : new LSTM.Builder().nIn(nIn).nOut(nOut).activation(Activation.TANH).build();
    }

    private static MultiLayerNetwork net(DataType type, boolean rill) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(42).dataType(type).updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(lstm(rill, N_IN, H1))
                .layer(lstm(rill, H1, H2))
                .layer(RecurrentTestSupport.softmaxOut(H2, CLASSES, RNNFormat.NCW))
                .build());
        net.init();
        return net;
    }

    /** The DL4J network and Rill's, with the same random parameters (biases included). */
    private static MultiLayerNetwork[] pair(DataType type) {
        MultiLayerNetwork dl4j = net(type, false);
        MultiLayerNetwork rill = net(type, true);
        Nd4j.getRandom().setSeed(7);
        INDArray params = Nd4j.rand(type, dl4j.params().shape()).subi(0.5);
        dl4j.setParams(params);
        rill.setParams(params.dup());
        return new MultiLayerNetwork[] {dl4j, rill};
    }

    private static INDArray mask(DataType type) {
        INDArray mask = RecurrentTestSupport.rightPaddedMask(new int[] {6, 4, 1, 5}, T).castTo(type);   // [mb, T]
        mask.putScalar(0, 2, 0.0);   // a hole in the middle, not only trailing padding
        return mask;
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        assertArrayEquals(a.shape(), b.shape());
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void the_same_seed_gives_dl4j_s_initial_parameters(Precision p) {
        MultiLayerNetwork dl4j = net(p.type, false);
        MultiLayerNetwork rill = net(p.type, true);
        assertInstanceOf(LstmLayer.class, rill.getLayer(0));
        assertEquals(0.0, maxAbsDiff(dl4j.params(), rill.params()), 0.0);
        // DL4J's forget gate bias of 1, the other biases 0.
        INDArray b = rill.getLayer(1).getParam(LstmParamInitializer.BIAS_KEY);   // [1, 4H]
        assertEquals(0.0, b.get(all(), interval(0, H2)).amaxNumber().doubleValue(), 0.0);
        assertEquals(1.0, b.get(all(), interval(H2, 2 * H2)).minNumber().doubleValue(), 0.0);
        assertEquals(0.0, b.get(all(), interval(2 * H2, 4 * H2)).amaxNumber().doubleValue(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void network_outputs_scores_and_gradients_match_dl4j(Precision p) {
        MultiLayerNetwork[] nets = pair(p.type);
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(p.type, MB, N_IN, T).subi(0.5).muli(2);                           // [mb, nIn, T]
        INDArray labels = RecurrentTestSupport.oneHotLabels(MB, CLASSES, T, 9).castTo(p.type);   // [mb, classes, T]

        INDArray expected = nets[0].output(x);
        INDArray actual = nets[1].output(x);
        assertTrue(maxAbsDiff(expected, actual) < p.tolerance, "outputs differ by " + maxAbsDiff(expected, actual));

        for (MultiLayerNetwork net : nets) {
            net.setInput(x);
            net.setLabels(labels);
            net.computeGradientAndScore();
        }
        assertEquals(nets[0].score(), nets[1].score(), p.tolerance);
        INDArray g0 = nets[0].gradient().gradient();
        INDArray g1 = nets[1].gradient().gradient();
        assertTrue(g0.amaxNumber().doubleValue() > 1e-3, "gradients are not trivially zero");
        assertTrue(maxAbsDiff(g0, g1) < p.tolerance, "gradients differ by " + maxAbsDiff(g0, g1));
    }

    /** Output and gradients of layer 0 of each network for the same input, dL/d(output) and mask. */
    private static Pair<INDArray, Pair<Gradient, INDArray>> layerPass(MultiLayerNetwork net, INDArray x, INDArray eps, INDArray mask) {
        net.initGradientsView();
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, mgr);
        layer.setMaskArray(mask);
        INDArray out = layer.activate(true, mgr).dup();
        return new Pair<>(out, layer.backpropGradient(eps, mgr));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void layer_outputs_parameter_gradients_and_input_gradients_match_dl4j(Precision p) {
        MultiLayerNetwork[] nets = pair(p.type);
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(p.type, MB, N_IN, T).subi(0.5).muli(2);   // [mb, nIn, T]
        INDArray eps = Nd4j.rand(p.type, MB, H1, T).subi(0.5);          // dL/d(output) [mb, H, T]
        var expected = layerPass(nets[0], x, eps, null);
        var actual = layerPass(nets[1], x, eps, null);

        assertTrue(maxAbsDiff(expected.getFirst(), actual.getFirst()) < p.tolerance, "outputs differ");
        for (String key : new String[] {LstmParamInitializer.WEIGHT_KEY, LstmParamInitializer.RECURRENT_WEIGHT_KEY,
                LstmParamInitializer.BIAS_KEY}) {
            double diff = maxAbsDiff(expected.getSecond().getFirst().getGradientFor(key), actual.getSecond().getFirst().getGradientFor(key));
            assertTrue(diff < p.tolerance, key + " gradients differ by " + diff);
        }
        INDArray dx = actual.getSecond().getSecond();
        assertTrue(dx.amaxNumber().doubleValue() > 1e-3, "dL/dx is not trivially zero");
        assertTrue(maxAbsDiff(expected.getSecond().getSecond(), dx) < p.tolerance, "dL/dx differs");
    }

    /**
     * With a mask set on the layer (as Bidirectional does), both multiply output and cell by it. Masked gradients
     * are not compared: DL4J's are wrong ({@link Dl4jLstmMaskDefectTest}); Rill's pass finite differences
     * ({@link LstmGradientCheckTest}).
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void masked_layer_outputs_match_dl4j(Precision p) {
        MultiLayerNetwork[] nets = pair(p.type);
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.rand(p.type, MB, N_IN, T).subi(0.5).muli(2);
        INDArray eps = Nd4j.rand(p.type, MB, H1, T).subi(0.5);
        INDArray mask = mask(p.type);
        INDArray expected = layerPass(nets[0], x, eps, mask).getFirst();
        INDArray actual = layerPass(nets[1], x, eps, mask).getFirst();
        assertTrue(maxAbsDiff(expected, actual) < p.tolerance, "outputs differ by " + maxAbsDiff(expected, actual));
        // Padded steps output zero, and so does the hole at example 0, step 2; the step after it is not zero.
        assertEquals(0.0, actual.get(point(2), all(), interval(1, T)).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, actual.get(point(0), all(), point(2)).amaxNumber().doubleValue(), 0.0);
        assertTrue(actual.get(point(0), all(), point(3)).amaxNumber().doubleValue() > 0);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void streaming_with_rnn_time_step_matches_dl4j(Precision p) {
        MultiLayerNetwork[] nets = pair(p.type);
        Nd4j.getRandom().setSeed(10);
        INDArray x = Nd4j.rand(p.type, MB, N_IN, T).subi(0.5);
        for (MultiLayerNetwork net : nets) {
            net.rnnClearPreviousState();
        }
        for (int[] chunk : new int[][] {{0, 2}, {2, 3}, {3, 6}}) {
            INDArray part = x.get(all(), all(), interval(chunk[0], chunk[1]));
            INDArray expected = nets[0].rnnTimeStep(part);
            INDArray actual = nets[1].rnnTimeStep(part);
            assertTrue(maxAbsDiff(expected, actual) < p.tolerance, "steps " + chunk[0] + ".." + chunk[1]);
        }
        // The carried states themselves (output and cell) agree, under DL4J's state keys.
        for (int layer = 0; layer < 2; layer++) {
            for (String key : new String[] {LstmLayer.STATE_KEY_PREV_ACTIVATION, LstmLayer.STATE_KEY_PREV_MEMCELL}) {
                INDArray expected = nets[0].rnnGetPreviousState(layer).get(key);
                INDArray actual = nets[1].rnnGetPreviousState(layer).get(key);
                assertTrue(maxAbsDiff(expected, actual) < p.tolerance, "layer " + layer + " state " + key);
            }
        }
    }
}
