package dev.rill.layers;

import static dev.rill.layers.WordCharTestSupport.PAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dev.rill.layers.WordCharTestSupport.Step;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What a word's output depends on, padding, masks, invalid ids and data types of {@link WordCharEmbeddingLayer}. */
class WordCharEmbeddingBehaviourTest {

    /** Same computation in a different row of the batch: only rounding may differ. */
    static final double TOLERANCE = 1e-12;

    private static final int MAX_CHARS = 5;

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    private static MultiLayerNetwork net(long seed) {
        return WordCharTestSupport.init(new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(seed).list()
                .layer(WordCharTestSupport.small(3).biasInit(0.2).build())
                .layer(RecurrentTestSupport.gru(7, 4, RNNFormat.NCW))
                .layer(RecurrentTestSupport.softmaxOut(4, 3, RNNFormat.NCW))
                .build()));
    }

    private static INDArray embed(MultiLayerNetwork net, Step[][] sentences) {
        return net.feedForward(WordCharTestSupport.pack(sentences, MAX_CHARS, DataType.DOUBLE), false).get(1);
    }

    private static INDArray column(INDArray out, int example, int t) {
        return out.get(point(example), all(), point(t));   // [wordDim + filters]
    }

    @Test
    void a_words_output_depends_neither_on_its_neighbours_nor_on_padding() {
        MultiLayerNetwork net = net(1);
        Step word = new Step(2, 3, 1, 4);
        Step[][] sentences = {
            {word, new Step(1, 2), PAD, PAD},
            {new Step(5, 6, 6, 6, 6, 6), new Step(4, 1), new Step(3, 2), word},
            {PAD, word, new Step(1, 5, 4), PAD},
        };
        INDArray out = embed(net, sentences);
        INDArray alone = column(embed(net, new Step[][] {{word}}), 0, 0);
        for (int[] at : new int[][] {{0, 0}, {1, 3}, {2, 1}}) {
            assertEquals(0.0, column(out, at[0], at[1]).sub(alone).amaxNumber().doubleValue(), TOLERANCE,
                    "example " + at[0] + " step " + at[1]);
        }
    }

    @Test
    void padding_id_embedding_is_never_used_so_max_is_over_real_characters_only() {
        MultiLayerNetwork net = net(2);
        Step[][] sentences = {{new Step(1, 3), new Step(2, 1, 2, 3, 4, 5)}, {new Step(3, 6, 6), new Step(4)}};
        INDArray before = embed(net, sentences);
        INDArray charTable = net.getLayer(0).getParam(WordCharEmbeddingParamInitializer.CHAR_EMBEDDING_KEY);
        charTable.getRow(0).assign(100.0);   // would saturate every filter if a padding slot were read
        INDArray after = embed(net, sentences);
        assertEquals(0.0, after.sub(before).amaxNumber().doubleValue(), 0.0);
        charTable.getRow(3).addi(0.5);       // a real character does count
        assertTrue(embed(net, sentences).sub(before).amaxNumber().doubleValue() > 1e-3);
    }

    @Test
    void padding_and_masked_steps_output_zero_and_a_word_without_characters_has_zero_char_features() {
        MultiLayerNetwork net = net(3);
        Step[][] sentences = {{new Step(4), new Step(2, 1), PAD}};
        INDArray in = WordCharTestSupport.pack(sentences, MAX_CHARS, DataType.DOUBLE);
        Layer layer = net.getLayer(0);
        INDArray wordTable = layer.getParam(WordCharEmbeddingParamInitializer.WORD_EMBEDDING_KEY);

        INDArray out = layer.activate(in, false, LayerWorkspaceMgr.noWorkspaces());   // [1, 7, 3]
        assertEquals(0.0, column(out, 0, 0).get(interval(0, 3)).sub(wordTable.getRow(4)).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, column(out, 0, 0).get(interval(3, 7)).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, column(out, 0, 2).amaxNumber().doubleValue(), 0.0, "padding step");
        assertTrue(column(out, 0, 1).amaxNumber().doubleValue() > 0);

        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 0, 1}});
        Pair<INDArray, MaskState> passed = layer.feedForwardMaskArray(mask, MaskState.Active, 1);
        assertSame(mask, passed.getFirst());
        assertEquals(MaskState.Active, passed.getSecond());
        INDArray masked = layer.activate(in, false, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(0.0, column(masked, 0, 1).amaxNumber().doubleValue(), 0.0, "masked step");
        assertEquals(0.0, column(masked, 0, 0).sub(column(out, 0, 0)).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void backprop_sends_zero_to_the_input_and_nothing_to_the_padding_character_or_unused_words() {
        MultiLayerNetwork net = net(4);
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray in = WordCharTestSupport.pack(new Step[][] {{new Step(1, 2, 3), new Step(2), PAD}}, MAX_CHARS,
                DataType.DOUBLE);
        layer.setInput(in, mgr);
        Pair<Gradient, INDArray> result = layer.backpropGradient(Nd4j.rand(DataType.DOUBLE, 1, 7, 3), mgr);

        assertEquals(0.0, result.getSecond().amaxNumber().doubleValue(), 0.0);
        assertEquals(java.util.List.of(1L, 6L, 3L), java.util.List.of(result.getSecond().shape()[0],
                result.getSecond().shape()[1], result.getSecond().shape()[2]));
        INDArray wordGrad = result.getFirst().getGradientFor(WordCharEmbeddingParamInitializer.WORD_EMBEDDING_KEY);
        INDArray charGrad = result.getFirst().getGradientFor(WordCharEmbeddingParamInitializer.CHAR_EMBEDDING_KEY);
        assertEquals(0.0, charGrad.getRow(0).amaxNumber().doubleValue(), 0.0, "padding character");
        assertEquals(0.0, wordGrad.getRow(0).amaxNumber().doubleValue(), 0.0, "padding step's word");
        assertEquals(0.0, wordGrad.getRow(3).amaxNumber().doubleValue(), 0.0, "unused word");
        assertTrue(wordGrad.getRow(1).amaxNumber().doubleValue() > 0);
        assertTrue(wordGrad.getRow(2).amaxNumber().doubleValue() > 0, "a word without characters still learns");
        assertTrue(charGrad.getRow(2).amaxNumber().doubleValue() > 0);
    }

    @Test
    void a_batch_without_any_character_gives_zero_char_features_and_gradients() {
        // As a TBPTT segment that holds only padding, or only words without characters, would.
        MultiLayerNetwork net = net(7);
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(WordCharTestSupport.pack(new Step[][] {{new Step(3), PAD}, {PAD, PAD}}, MAX_CHARS,
                DataType.DOUBLE), mgr);
        INDArray out = layer.activate(false, mgr);   // [2, 7, 2]
        assertEquals(0.0, out.get(all(), interval(3, 7), all()).amaxNumber().doubleValue(), 0.0);
        assertTrue(column(out, 0, 0).amaxNumber().doubleValue() > 0, "the word embedding is still there");

        Gradient g = layer.backpropGradient(Nd4j.rand(DataType.DOUBLE, 2, 7, 2), mgr).getFirst();
        for (String key : new String[] {WordCharEmbeddingParamInitializer.CHAR_EMBEDDING_KEY,
                WordCharEmbeddingParamInitializer.KERNEL_KEY, WordCharEmbeddingParamInitializer.BIAS_KEY}) {
            assertEquals(0.0, g.getGradientFor(key).amaxNumber().doubleValue(), 0.0, key);
        }
        assertTrue(g.getGradientFor(WordCharEmbeddingParamInitializer.WORD_EMBEDDING_KEY).getRow(3)
                .amaxNumber().doubleValue() > 0);
    }

    @Test
    void invalid_ids_and_shapes_are_rejected_with_their_position() {
        Layer layer = net(5).getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray ok = WordCharTestSupport.pack(new Step[][] {{new Step(1, 2), new Step(2, 3)}}, MAX_CHARS,
                DataType.DOUBLE);

        INDArray wordOutOfRange = ok.dup();
        wordOutOfRange.putScalar(new long[] {0, 0, 1}, 6);
        assertMessage(layer, wordOutOfRange, "word id must be an integer in [0, 6), got 6.0 at example 0, step 1");

        INDArray fractional = ok.dup();
        fractional.putScalar(new long[] {0, 1, 0}, 2.5);
        assertMessage(layer, fractional, "character id must be an integer in [0, 7), got 2.5");

        INDArray gap = ok.dup();
        gap.putScalar(new long[] {0, 3, 1}, 4);   // characters [3, 0, 4]
        assertMessage(layer, gap, "left-aligned");

        assertMessage(layer, Nd4j.zeros(DataType.DOUBLE, 1, 5, 2), "expected NCW input [minibatch, 1 + maxChars = 6, T]");
    }

    private static void assertMessage(Layer layer, INDArray in, String part) {
        DL4JInvalidInputException e = assertThrows(DL4JInvalidInputException.class,
                () -> layer.activate(in, false, LayerWorkspaceMgr.noWorkspaces()));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void float_network_matches_double_network_and_accepts_float_ids() {
        MultiLayerNetwork dbl = net(6);
        MultiLayerNetwork flt = WordCharTestSupport.init(new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(6).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list()
                .layer(WordCharTestSupport.small(3).biasInit(0.2).build())
                .layer(RecurrentTestSupport.gru(7, 4, RNNFormat.NCW))
                .layer(RecurrentTestSupport.softmaxOut(4, 3, RNNFormat.NCW))
                .build()));
        flt.setParams(dbl.params().castTo(DataType.FLOAT));
        Step[][] sentences = {{new Step(1, 2, 3), new Step(5, 6, 1, 1), PAD}, {new Step(3, 4), PAD, PAD}};
        INDArray outD = dbl.output(WordCharTestSupport.pack(sentences, MAX_CHARS, DataType.DOUBLE));
        INDArray outF = flt.output(WordCharTestSupport.pack(sentences, MAX_CHARS, DataType.FLOAT));
        assertEquals(DataType.FLOAT, outF.dataType());
        assertEquals(0.0, outF.castTo(DataType.DOUBLE).sub(outD).amaxNumber().doubleValue(), 1e-5);
    }
}
