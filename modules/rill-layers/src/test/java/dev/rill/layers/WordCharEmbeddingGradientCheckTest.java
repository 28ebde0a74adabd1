package dev.rill.layers;

import static dev.rill.layers.WordCharTestSupport.PAD;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import dev.rill.layers.WordCharTestSupport.Step;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Backprop gradients of {@link WordCharEmbeddingLayer} (all four parameters) against central finite differences of
 * the score, in double precision, below a recurrent layer and a softmax output, with variable word lengths, repeated
 * words and characters (scatter-add), words without characters, padding and masked steps.
 * Tolerances as in {@link GruGradientCheckTest}.
 */
class WordCharEmbeddingGradientCheckTest {

    private static final int MAX_CHARS = 5;

    @BeforeAll
    static void doublePrecision() {
        System.setProperty("org.slf4j.simpleLogger.log.org.deeplearning4j.gradientcheck", "info");
        RecurrentTestSupport.useDoublePrecision();
    }

    /**
     * Example 0 uses every step: a repeated word, a word as long as maxChars with a repeated character, a real word
     * without characters. Example 1 ends with two padding steps. Example 2 has a real word at a masked step, which
     * must get no gradient; example 1 has word id 0 with characters (an unknown word), which is not padding.
     */
    private static final Step[][] SENTENCES = {
        {new Step(1, 1, 2, 3), new Step(2, 4), new Step(1, 1, 2, 3), new Step(3, 2, 2, 5, 6, 1), new Step(4)},
        {new Step(5, 6, 1), new Step(2, 4, 4), new Step(0, 3, 1, 2), PAD, PAD},
        {new Step(3, 5), new Step(2, 1, 2), PAD, PAD, PAD},
    };

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(3, Activation.TANH, RecurrentTestSupport.gru(7, 4, RNNFormat.NCW)),
                Arguments.of(1, Activation.TANH,
                        new LSTM.Builder().nIn(7).nOut(4).activation(Activation.TANH).build()),
                // Wider than most words, and a non-default activation (generic IActivation path).
                Arguments.of(5, Activation.SOFTSIGN, RecurrentTestSupport.gru(7, 4, RNNFormat.NCW)));
    }

    @ParameterizedTest(name = "width {0}, {1}, then {2}")
    @MethodSource("cases")
    void gradients_match_finite_differences(int width, Activation activation, Layer recurrent) {
        MultiLayerNetwork net = WordCharTestSupport.init(new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(width)
                .list()
                .layer(WordCharTestSupport.small(width).activation(activation).biasInit(0.1).build())
                .layer(recurrent)
                .layer(RecurrentTestSupport.softmaxOut(4, 3, RNNFormat.NCW))
                .build()));
        INDArray in = WordCharTestSupport.pack(SENTENCES, MAX_CHARS, DataType.DOUBLE);   // [3, 6, 5]
        INDArray mask = WordCharTestSupport.maskOf(SENTENCES, DataType.DOUBLE);           // [3, 5]
        mask.putScalar(2, 1, 0.0);   // example 2, step 1: a real word, masked
        INDArray labels = RecurrentTestSupport.oneHotLabels(3, 3, 5, 40 + width);

        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(in)
                .labels(labels).inputMask(mask).labelMask(mask)
                .epsilon(GruGradientCheckTest.EPSILON).maxRelError(GruGradientCheckTest.MAX_REL_ERROR)
                .minAbsoluteError(GruGradientCheckTest.MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false)));
    }
}
