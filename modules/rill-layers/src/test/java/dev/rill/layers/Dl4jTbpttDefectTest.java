package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Documents a defect of DL4J 1.0.0-M2.1 that Rill works around: during truncated BPTT,
 * {@code MultiLayerNetwork} calls {@code backpropGradient} (not {@code tbpttBackpropGradient}), and DL4J's
 * {@code LSTM} and {@code SimpleRnn} then recompute the segment's forward pass from a zero state, so gradients of every segment after
 * the first are wrong. Rill's config validation therefore rejects {@code cell: rnn} with {@code tbptt > 0};
 * {@code cell: lstm} is Rill's own {@link LstmLayer}.
 * The same finite-difference check passes for Rill's GRU and LSTM ({@link RecurrentTbpttTest}). If this test fails after a DL4J
 * upgrade, the defect is fixed and the restriction can go.
 */
class Dl4jTbpttDefectTest {

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    static Stream<Layer> dl4jCells() {
        return Stream.of(
                new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build(),
                new SimpleRnn.Builder().nIn(3).nOut(4).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build());
    }

    @ParameterizedTest
    @MethodSource("dl4jCells")
    void dl4j_segment_two_gradient_does_not_match_finite_differences(Layer recurrent) {
        MultiLayerNetwork net = SegmentGradientCheck.network(11, recurrent);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2 * SegmentGradientCheck.SEGMENT).subi(0.5);   // [mb, nIn, T]
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2, 2 * SegmentGradientCheck.SEGMENT);             // [mb, nOut, T]

        SegmentGradientCheck.Result r = SegmentGradientCheck.run(net, x, y);
        System.out.printf("DL4J %s TBPTT segment-2 gradient: %d of %d params off, max rel error %.3g%n",
                recurrent.getClass().getSimpleName(), r.failures(), r.parameters(), r.maxRel());
        assertTrue(r.failures() > r.parameters() / 2,
                "DL4J's TBPTT gradient now matches finite differences: lift Rill's restriction on this cell with tbptt");
    }
}
