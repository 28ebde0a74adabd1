package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backprop gradients of networks containing {@link LstmLayer} against central finite differences of the score, in
 * double precision, with DL4J's {@link GradientCheckUtil} (every parameter is checked). The same cases as
 * {@link GruGradientCheckTest}.
 */
class LstmGradientCheckTest {

    static final double EPSILON = 1e-6;
    static final double MAX_REL_ERROR = 1e-5;
    static final double MIN_ABS_ERROR = 1e-8;

    @BeforeAll
    static void doublePrecision() {
        System.setProperty("org.slf4j.simpleLogger.log.org.deeplearning4j.gradientcheck", "info");
        RecurrentTestSupport.useDoublePrecision();
    }

    private static boolean check(MultiLayerNetwork net, INDArray in, INDArray labels, INDArray mask) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(in).labels(labels)
                .inputMask(mask).labelMask(mask)
                .epsilon(EPSILON).maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
    }

    private static MultiLayerNetwork net(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void gradients_match_finite_differences_for_lstm_with_mse_output() {
        MultiLayerNetwork net = net(RecurrentTestSupport.gradientCheckBase(1).list()
                .layer(RecurrentTestSupport.lstm(3, 4, RNNFormat.NCW))
                .layer(RecurrentTestSupport.mseOut(4, 2, RNNFormat.NCW))
                .build());
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 3, 5).subi(0.5);   // [mb, nIn, T]
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 2, 5);          // [mb, nOut, T]
        assertTrue(check(net, in, labels, null));
    }

    @Test
    void gradients_match_finite_differences_for_stacked_lstm_with_custom_activations() {
        // Activations other than sigmoid/tanh, on both the cell and the gates.
        MultiLayerNetwork net = net(RecurrentTestSupport.gradientCheckBase(2).list()
                .layer(new LstmLayerConfig.Builder().nIn(3).nOut(4).biasInit(-0.2)
                        .activation(Activation.SOFTSIGN).gateActivationFunction(Activation.HARDSIGMOID).build())
                .layer(new LstmLayerConfig.Builder().nIn(4).nOut(3).build())
                .layer(RecurrentTestSupport.softmaxOut(3, 3, RNNFormat.NCW))
                .build());
        INDArray in = Nd4j.rand(DataType.DOUBLE, 3, 3, 4).subi(0.5);
        INDArray labels = RecurrentTestSupport.oneHotLabels(3, 3, 4, 7);
        assertTrue(check(net, in, labels, null));
    }

    @Test
    void gradients_match_finite_differences_with_masks() {
        MultiLayerNetwork net = net(RecurrentTestSupport.gradientCheckBase(4).list()
                .layer(RecurrentTestSupport.lstm(3, 4, RNNFormat.NCW))
                .layer(RecurrentTestSupport.gru(4, 3, RNNFormat.NCW))
                .layer(RecurrentTestSupport.softmaxOut(3, 2, RNNFormat.NCW))
                .build());
        INDArray in = Nd4j.rand(DataType.DOUBLE, 3, 3, 6).subi(0.5);
        INDArray labels = RecurrentTestSupport.oneHotLabels(3, 2, 6, 9);
        INDArray mask = RecurrentTestSupport.rightPaddedMask(new int[] {6, 4, 1}, 6);   // [mb, T]
        mask.putScalar(0, 2, 0.0);   // a hole, not only trailing padding
        assertTrue(check(net, in, labels, mask));
    }

    @ParameterizedTest
    @EnumSource(names = {"CONCAT", "ADD"})
    void gradients_match_finite_differences_inside_bidirectional_with_masks(Bidirectional.Mode mode) {
        long outSize = mode == Bidirectional.Mode.CONCAT ? 8 : 4;
        MultiLayerNetwork net = net(RecurrentTestSupport.gradientCheckBase(5).list()
                .layer(new Bidirectional(mode, RecurrentTestSupport.lstm(3, 4, RNNFormat.NCW)))
                .layer(RecurrentTestSupport.softmaxOut(outSize, 2, RNNFormat.NCW))
                .build());
        INDArray in = Nd4j.rand(DataType.DOUBLE, 3, 3, 5).subi(0.5);
        INDArray labels = RecurrentTestSupport.oneHotLabels(3, 2, 5, 10);
        INDArray mask = RecurrentTestSupport.rightPaddedMask(new int[] {5, 3, 2}, 5);
        assertTrue(check(net, in, labels, mask), "mode " + mode);
    }

    @Test
    void gradients_match_finite_differences_with_input_dropout() {
        // A GRU below: its gradients check that dL/dx goes back through the LSTM's dropout mask.
        MultiLayerNetwork net = net(RecurrentTestSupport.gradientCheckBase(7).list()
                .layer(RecurrentTestSupport.gru(3, 4, RNNFormat.NCW))
                .layer(new LstmLayerConfig.Builder().nIn(4).nOut(4).biasInit(0.1).dropOut(0.6).build())
                .layer(RecurrentTestSupport.mseOut(4, 2, RNNFormat.NCW))
                .build());
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 3, 5).subi(0.5);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 2, 5);
        assertTrue(net.output(in, true).sub(net.output(in, false)).amaxNumber().doubleValue() > 1e-3, "dropout active");
        // Same RNG seed before every forward pass: the same dropout mask, so the score is a fixed function.
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(in)
                .labels(labels).epsilon(EPSILON).maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .callEachIter(n -> Nd4j.getRandom().setSeed(12345))
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false)));
    }

    @Test
    void gradients_match_finite_differences_in_computation_graph_with_masks() {
        ComputationGraph graph = new ComputationGraph(RecurrentTestSupport.gradientCheckBase(8).graphBuilder()
                .addInputs("in")
                .addLayer("lstm", RecurrentTestSupport.lstm(3, 4, RNNFormat.NCW), "in")
                .addLayer("out", RecurrentTestSupport.softmaxOut(4, 2, RNNFormat.NCW), "lstm")
                .setOutputs("out")
                .build());
        graph.init();
        INDArray in = Nd4j.rand(DataType.DOUBLE, 3, 3, 5).subi(0.5);
        INDArray labels = RecurrentTestSupport.oneHotLabels(3, 2, 5, 11);
        INDArray mask = RecurrentTestSupport.rightPaddedMask(new int[] {5, 2, 4}, 5);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[] {in}).labels(new INDArray[] {labels})
                .inputMask(new INDArray[] {mask}).labelMask(new INDArray[] {mask})
                .epsilon(EPSILON).maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false)));
    }

    @Test
    void gradients_match_finite_differences_in_nwc_format() {
        MultiLayerNetwork net = net(RecurrentTestSupport.gradientCheckBase(6).list()
                .layer(RecurrentTestSupport.lstm(3, 4, RNNFormat.NWC))
                .layer(RecurrentTestSupport.mseOut(4, 2, RNNFormat.NWC))
                .build());
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 5, 3).subi(0.5);   // [mb, T, nIn]
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 5, 2);          // [mb, T, nOut]
        INDArray mask = RecurrentTestSupport.rightPaddedMask(new int[] {5, 3}, 5);
        assertTrue(check(net, in, labels, mask));
    }
}
