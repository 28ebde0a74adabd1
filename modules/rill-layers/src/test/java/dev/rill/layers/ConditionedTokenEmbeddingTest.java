package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link TokenEmbeddingConfig} with conditions: input [mb, 2, T] (ids, condition index), output each id's table row
 * followed by the one-hot of its condition. Checked against DL4J's own idiom for one input feeding every step (a
 * {@code ComputationGraph} with {@code DuplicateToTimeSeriesVertex} and {@code MergeVertex}), by finite differences,
 * and for masks, bad input and serialization.
 */
class ConditionedTokenEmbeddingTest {

    private static final int VOCAB = 9;
    private static final int WIDTH = 4;
    private static final int CONDITIONS = 3;
    private static final int UNITS = 5;

    @BeforeAll
    static void doublePrecision() {
        RecurrentTestSupport.useDoublePrecision();
    }

    private static MultiLayerNetwork rill(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(seed).list()
                .layer(new TokenEmbeddingConfig(VOCAB, WIDTH, CONDITIONS))
                .layer(RecurrentTestSupport.gru(WIDTH + CONDITIONS, UNITS, RNNFormat.NCW))
                .layer(RecurrentTestSupport.softmaxOut(UNITS, 2, RNNFormat.NCW))
                .build());
        net.init();
        return net;
    }

    /** Ids [3, 1, 5], repeated within and across rows. */
    private static final double[][] IDS = {{3, 3, 7, 0, 8}, {1, 3, 6, 6, 2}, {8, 4, 4, 4, 5}};
    /** One condition per row, as a generator is conditioned. */
    private static final int[] CONDITION = {2, 0, 2};

    /** Rill's input [3, 2, 5]: channel 0 the ids, channel 1 each row's condition at every step. */
    private static INDArray input() {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 3, 2, 5);
        for (int r = 0; r < 3; r++) {
            for (int t = 0; t < 5; t++) {
                x.putScalar(new long[] {r, 0, t}, IDS[r][t]);
                x.putScalar(new long[] {r, 1, t}, CONDITION[r]);
            }
        }
        return x;
    }

    @Test
    void each_step_is_the_token_s_row_then_the_one_hot_of_its_condition_and_a_masked_step_is_zero() {
        MultiLayerNetwork net = rill(1);
        INDArray table = net.getLayer(0).getParam(TokenEmbeddingParamInitializer.WEIGHT_KEY);
        assertEquals((long) VOCAB * WIDTH, net.getLayer(0).numParams(), "the one-hot has no parameters");
        INDArray mask = RecurrentTestSupport.rightPaddedMask(new int[] {5, 3, 1}, 5);
        net.getLayer(0).setMaskArray(mask);
        INDArray out = net.getLayer(0).activate(input(), false, LayerWorkspaceMgr.noWorkspaces());   // [3, W + C, 5]
        assertEquals(3, out.rank());
        assertEquals(WIDTH + CONDITIONS, out.size(1));
        for (int r = 0; r < 3; r++) {
            for (int t = 0; t < 5; t++) {
                INDArray step = out.get(NDArrayIndex.point(r), NDArrayIndex.all(), NDArrayIndex.point(t));
                double m = mask.getDouble(r, t);
                INDArray expected = Nd4j.concat(0, table.getRow((long) IDS[r][t]).mul(m),
                        Nd4j.zeros(DataType.DOUBLE, CONDITIONS).putScalar(CONDITION[r], m));
                assertEquals(0.0, step.sub(expected).amaxNumber().doubleValue(), 0.0, "row " + r + ", step " + t);
            }
        }
    }

    /**
     * DL4J's idiom: the condition one-hot [mb, C] copied to every step by {@code DuplicateToTimeSeriesVertex} and
     * concatenated to the embedding by {@code MergeVertex}, in a {@code ComputationGraph}. With the same parameters,
     * the conditioned embedding gives the same outputs, score and gradients.
     */
    @Test
    void equals_dl4j_s_duplicate_to_time_series_and_merge_graph() {
        ComputationGraphConfiguration conf = RecurrentTestSupport.gradientCheckBase(3).graphBuilder()
                .addInputs("ids", "condition")
                .addLayer("emb", new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(WIDTH).inferInputLength(true)
                        .outputDataFormat(RNNFormat.NCW).build(), "ids")
                .addVertex("every_step", new DuplicateToTimeSeriesVertex("ids"), "condition")
                .addVertex("merged", new MergeVertex(), "emb", "every_step")
                .addLayer("gru", RecurrentTestSupport.gru(WIDTH + CONDITIONS, UNITS, RNNFormat.NCW), "merged")
                .addLayer("out", RecurrentTestSupport.softmaxOut(UNITS, 2, RNNFormat.NCW), "gru")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        MultiLayerNetwork net = rill(4);
        String[] names = {"emb", "gru", "out"};
        for (int layer = 0; layer < 3; layer++) {
            for (var e : graph.getLayer(names[layer]).paramTable().entrySet()) {
                net.getLayer(layer).setParam(e.getKey(), e.getValue());   // by value: the embedding layouts differ
            }
        }

        INDArray ids = input().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1), NDArrayIndex.all()).dup();   // [3, 1, 5]
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, 3, CONDITIONS);
        for (int r = 0; r < 3; r++) {
            oneHot.putScalar(r, CONDITION[r], 1.0);
        }
        INDArray labels = RecurrentTestSupport.oneHotLabels(3, 2, 5, 11);
        INDArray expected = graph.outputSingle(ids, oneHot);
        assertEquals(0.0, expected.sub(net.output(input())).amaxNumber().doubleValue(), 1e-12);

        graph.setInputs(ids, oneHot);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        net.setInput(input());
        net.setLabels(labels);
        net.computeGradientAndScore();
        assertEquals(graph.score(), net.score(), 1e-12);
        for (int layer = 0; layer < 3; layer++) {
            for (var e : graph.gradient().gradientForVariable().entrySet()) {
                if (e.getKey().startsWith(names[layer] + "_")) {
                    String key = layer + e.getKey().substring(names[layer].length());
                    INDArray actual = net.gradient().getGradientFor(key);
                    assertEquals(0.0, e.getValue().sub(actual).amaxNumber().doubleValue(), 1e-12, key);
                }
            }
        }
        assertTrue(net.gradient().getGradientFor("0_W").amaxNumber().doubleValue() > 1e-4);
    }

    @Test
    void gradients_match_finite_differences_with_masks_and_conditions_changing_within_a_row() {
        MultiLayerNetwork net = rill(7);
        INDArray x = input();
        x.putScalar(new long[] {0, 1, 3}, 1);   // a condition may change inside a row: each step reads its own
        INDArray mask = RecurrentTestSupport.rightPaddedMask(new int[] {5, 3, 2}, 5);
        INDArray labels = RecurrentTestSupport.oneHotLabels(3, 2, 5, 13);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x)
                .labels(labels).inputMask(mask).labelMask(mask)
                .epsilon(GruGradientCheckTest.EPSILON).maxRelError(GruGradientCheckTest.MAX_REL_ERROR)
                .minAbsoluteError(GruGradientCheckTest.MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false)));
    }

    @Test
    void a_condition_out_of_range_or_a_missing_condition_channel_is_rejected() {
        MultiLayerNetwork net = rill(1);
        INDArray x = input();
        x.putScalar(new long[] {1, 1, 2}, CONDITIONS);
        DL4JInvalidInputException e = assertThrows(DL4JInvalidInputException.class, () -> net.output(x));
        assertTrue(e.getMessage().contains("Invalid condition " + CONDITIONS), e.getMessage());

        INDArray idsOnly = input().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1), NDArrayIndex.all()).dup();
        IllegalStateException shape = assertThrows(IllegalStateException.class, () -> net.output(idsOnly));
        assertTrue(shape.getMessage().contains("[minibatch, 2, T]"), shape.getMessage());
    }

    @Test
    void json_and_model_files_keep_the_conditions_and_older_json_without_them_reads_as_none(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = rill(2);
        String json = net.getLayerWiseConfigurations().toJson();
        assertEquals(net.getLayerWiseConfigurations(), MultiLayerConfiguration.fromJson(json));
        net.fit(new DataSet(input(), RecurrentTestSupport.oneHotLabels(3, 2, 5, 8)));
        File file = dir.resolve("cond.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(CONDITIONS, ((TokenEmbeddingConfig) restored.getLayerWiseConfigurations().getConf(0).getLayer()).getConditions());
        assertEquals(0.0, net.output(input()).sub(restored.output(input())).amaxNumber().doubleValue(), 0.0);

        // Models saved before conditions existed have no such field: they read ids only.
        MultiLayerNetwork plain = new MultiLayerNetwork(RecurrentTestSupport.gradientCheckBase(2).list()
                .layer(new TokenEmbeddingConfig(VOCAB, WIDTH))
                .layer(RecurrentTestSupport.gru(WIDTH, UNITS, RNNFormat.NCW))
                .layer(RecurrentTestSupport.softmaxOut(UNITS, 2, RNNFormat.NCW))
                .build());
        String old = plain.getLayerWiseConfigurations().toJson().replaceAll("\"conditions\"\\s*:\\s*0\\s*,?", "");
        assertTrue(!old.contains("conditions"), old);
        TokenEmbeddingConfig read = (TokenEmbeddingConfig) MultiLayerConfiguration.fromJson(old).getConf(0).getLayer();
        assertEquals(0, read.getConditions());
        assertEquals(WIDTH, read.tokenWidth());
    }
}
