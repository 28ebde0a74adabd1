package dev.rill.layers;

import static dev.rill.layers.WordCharTestSupport.PAD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.layers.WordCharTestSupport.Step;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hand-set parameters through {@link WordCharEmbeddingLayer} against a reference written with plain loops straight
 * from the equations in its javadoc (zero vectors outside the word, max over real characters only), plus one value
 * worked out by hand.
 */
class WordCharEmbeddingGoldenTest {

    /** Same arithmetic in another order. */
    static final double TOLERANCE = 1e-6;

    private static final int WORD_DIM = 2;
    private static final int CHAR_DIM = 2;
    private static final int FILTERS = 2;
    private static final int WIDTH = 3;
    private static final int MAX_CHARS = 4;

    private static final double[][] W = {{0.1, 0.2}, {0.3, -0.4}, {0.5, 0.6}};   // [nWords, wordDim]
    /** Row 0 (padding id) is large: any use of it would show in the output. */
    private static final double[][] C = {{9, -9}, {1, 0}, {0, 1}, {0.5, -0.5}};   // [nChars, charDim]
    /** Rows: offset 0 (left neighbour) dims 0,1; offset 1 (centre) dims 0,1; offset 2 (right neighbour) dims 0,1. */
    private static final double[][] K = {{0.3, -0.2}, {0.1, 0.5}, {1.0, 0.4}, {0.2, -1.0}, {-0.6, 0.7}, {0.25, 0.05}};
    private static final double[] B = {0.1, -0.2};

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    /** Reference char features of one word: loops over filters, positions, window offsets and embedding dims. */
    static double[] charFeatures(int[] chars) {
        double[] feature = new double[FILTERS];
        if (chars.length == 0) {
            return feature;
        }
        int half = (WIDTH - 1) / 2;
        for (int f = 0; f < FILTERS; f++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < chars.length; p++) {
                double z = B[f];
                for (int j = 0; j < WIDTH; j++) {
                    int q = p + j - half;
                    if (q < 0 || q >= chars.length) {
                        continue;   // zero padding
                    }
                    for (int d = 0; d < CHAR_DIM; d++) {
                        z += C[chars[q]][d] * K[j * CHAR_DIM + d][f];
                    }
                }
                max = Math.max(max, Math.tanh(z));
            }
            feature[f] = max;
        }
        return feature;
    }

    private static MultiLayerNetwork goldenNet() {
        MultiLayerNetwork net = WordCharTestSupport.init(new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(1).list()
                .layer(new WordCharEmbeddingConfig.Builder().nWords(3).wordDim(WORD_DIM).nChars(4).charDim(CHAR_DIM)
                        .filters(FILTERS).width(WIDTH).maxChars(MAX_CHARS).build())
                .layer(RecurrentTestSupport.mseOut(WORD_DIM + FILTERS, 1, RNNFormat.NCW))
                .build()));
        Layer layer = net.getLayer(0);
        layer.getParam(WordCharEmbeddingParamInitializer.WORD_EMBEDDING_KEY).assign(Nd4j.createFromArray(W));
        layer.getParam(WordCharEmbeddingParamInitializer.CHAR_EMBEDDING_KEY).assign(Nd4j.createFromArray(C));
        layer.getParam(WordCharEmbeddingParamInitializer.KERNEL_KEY).assign(Nd4j.createFromArray(K));
        layer.getParam(WordCharEmbeddingParamInitializer.BIAS_KEY).assign(Nd4j.createFromArray(new double[][] {B}));
        return net;
    }

    @Test
    void outputs_match_plain_loop_reference_for_hand_set_parameters() {
        Step[][] sentences = {
            {new Step(1, 1, 2, 3), new Step(2, 3), PAD},
            {new Step(0, 2, 2), new Step(2), new Step(1, 3, 1, 2, 1)},
        };
        INDArray out = goldenNet().feedForward(WordCharTestSupport.pack(sentences, MAX_CHARS, DataType.DOUBLE), false)
                .get(1);   // [2, wordDim + filters, 3]
        assertEquals(java.util.List.of(2L, 4L, 3L), java.util.List.of(out.size(0), out.size(1), out.size(2)));

        for (int i = 0; i < sentences.length; i++) {
            for (int t = 0; t < sentences[i].length; t++) {
                Step s = sentences[i][t];
                double[] expected = new double[WORD_DIM + FILTERS];
                if (s != PAD) {
                    System.arraycopy(W[s.word()], 0, expected, 0, WORD_DIM);
                    System.arraycopy(charFeatures(s.chars()), 0, expected, WORD_DIM, FILTERS);
                }
                for (int k = 0; k < expected.length; k++) {
                    assertEquals(expected[k], out.getDouble(i, k, t), TOLERANCE,
                            "example " + i + " step " + t + " row " + k);
                }
            }
        }
    }

    @Test
    void single_character_word_matches_hand_computation() {
        // Word "c" = [3], e = (0.5, -0.5); only the centre offset (K rows 2, 3) sees a character:
        // z_0 = 0.1 + 0.5 * 1.0 - 0.5 * 0.2 = 0.5,  z_1 = -0.2 + 0.5 * 0.4 - 0.5 * (-1.0) = 0.5.
        double expected = Math.tanh(0.5);   // 0.46211715726...
        assertEquals(0.46211715726, expected, 1e-10);
        assertEquals(expected, charFeatures(new int[] {3})[0], 1e-12);

        INDArray in = WordCharTestSupport.pack(new Step[][] {{new Step(2, 3)}}, MAX_CHARS, DataType.DOUBLE);
        INDArray out = goldenNet().feedForward(in, false).get(1);   // [1, 4, 1]
        assertEquals(0.5, out.getDouble(0, 0, 0), TOLERANCE);
        assertEquals(0.6, out.getDouble(0, 1, 0), TOLERANCE);
        assertEquals(expected, out.getDouble(0, 2, 0), TOLERANCE);
        assertEquals(expected, out.getDouble(0, 3, 0), TOLERANCE);
    }
}
