package dev.rill.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * {@link TokenEmbeddingConfig} computes what DL4J's EmbeddingSequenceLayer computes: on the same table (Rill keeps it
 * row-major, DL4J column-major), the same outputs and gradients (to summation order), with and without masks, in a
 * network with a GRU above it.
 */
class TokenEmbeddingTest {

    private static final int VOCAB = 11;
    private static final int WIDTH = 4;

    private static MultiLayerNetwork net(DataType type, Layer embedding) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(embedding)
                .layer(new GruLayerConfig.Builder().nIn(WIDTH).nOut(3).build())
                .layer(RecurrentTestSupport.softmaxOut(3, 2, RNNFormat.NCW))
                .build());
        net.init();
        return net;
    }

    private static Layer dl4j() {
        return new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(WIDTH).inferInputLength(true)
                .outputDataFormat(RNNFormat.NCW).build();
    }

    /** Ids [mb, 1, T] with repeated ids, so the gradient of one row collects several steps. */
    private static INDArray ids(DataType type) {
        return Nd4j.create(new double[][][] {{{3, 3, 7, 0, 10}}, {{1, 3, 9, 9, 2}}, {{10, 4, 4, 4, 6}}}).castTo(type);
    }

    @ParameterizedTest(name = "{0}, masked {1}")
    @CsvSource({"DOUBLE, false, 1e-12", "DOUBLE, true, 1e-12", "FLOAT, false, 1e-6", "FLOAT, true, 1e-6"})
    void outputs_and_gradients_equal_dl4j_s_embedding(DataType type, boolean masked, double tolerance) {
        MultiLayerNetwork reference = net(type, dl4j());
        MultiLayerNetwork rill = net(type, new TokenEmbeddingConfig(VOCAB, WIDTH));
        assertInstanceOf(TokenEmbeddingLayer.class, rill.getLayer(0));
        for (int layer = 0; layer < 3; layer++) {
            for (var e : reference.getLayer(layer).paramTable().entrySet()) {
                rill.getLayer(layer).setParam(e.getKey(), e.getValue());   // by value: the layouts differ
            }
        }

        INDArray x = ids(type);
        INDArray labels = RecurrentTestSupport.oneHotLabels(3, 2, 5, 6).castTo(type);
        INDArray mask = masked ? RecurrentTestSupport.rightPaddedMask(new int[] {5, 3, 1}, 5).castTo(type) : null;
        assertTrue(reference.output(x, false, mask, mask).equalsWithEps(rill.output(x, false, mask, mask), tolerance));
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {reference, rill}) {
            net.setInput(x);
            net.setLabels(labels);
            net.setLayerMaskArrays(mask, mask);
            net.computeGradientAndScore();
        }
        // Per parameter ("0_W", "1_RW", ...): the flat vectors differ where the layouts do.
        for (var e : reference.gradient().gradientForVariable().entrySet()) {
            INDArray actual = rill.gradient().getGradientFor(e.getKey());
            assertEquals(0.0, e.getValue().sub(actual).amaxNumber().doubleValue(), tolerance, e.getKey());
        }
        assertTrue(rill.gradient().getGradientFor("0_W").amaxNumber().doubleValue() > 1e-4);
    }

    @Test
    void the_table_is_row_major_so_an_id_s_vector_is_one_contiguous_row() {
        MultiLayerNetwork rill = net(DataType.DOUBLE, new TokenEmbeddingConfig(VOCAB, WIDTH));
        INDArray table = rill.getLayer(0).getParam(TokenEmbeddingParamInitializer.WEIGHT_KEY);
        assertEquals('c', table.ordering());
        INDArray out = rill.getLayer(0).activate(Nd4j.create(new double[][][] {{{7}}}), false,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());   // [1, width, 1]
        assertEquals(0.0, out.reshape(WIDTH).sub(table.getRow(7)).amaxNumber().doubleValue(), 0.0);
        assertEquals((long) VOCAB * WIDTH, rill.getLayer(0).numParams());
    }

    @Test
    void an_id_outside_the_vocabulary_is_rejected() {
        MultiLayerNetwork rill = net(DataType.FLOAT, new TokenEmbeddingConfig(VOCAB, WIDTH));
        INDArray x = Nd4j.create(new float[][][] {{{1, VOCAB}}});
        DL4JInvalidInputException e = assertThrows(DL4JInvalidInputException.class, () -> rill.output(x));
        assertTrue(e.getMessage().contains("Invalid id " + VOCAB), e.getMessage());
    }

    @Test
    void json_and_model_file_round_trips_keep_the_layer(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).list()
                .layer(new TokenEmbeddingConfig(VOCAB, WIDTH))
                .layer(new GruLayerConfig.Builder().nIn(WIDTH).nOut(3).build())
                .layer(RecurrentTestSupport.softmaxOut(3, 2, RNNFormat.NCW))
                .build());
        net.init();
        String json = net.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains("dev.rill.layers.TokenEmbeddingConfig"), json);
        assertEquals(net.getLayerWiseConfigurations(), MultiLayerConfiguration.fromJson(json));

        INDArray x = ids(DataType.FLOAT);
        net.fit(new DataSet(x, RecurrentTestSupport.oneHotLabels(3, 2, 5, 8).castTo(DataType.FLOAT)));
        File file = dir.resolve("emb.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertInstanceOf(TokenEmbeddingLayer.class, restored.getLayer(0));
        assertEquals(0.0, net.output(x).sub(restored.output(x)).amaxNumber().doubleValue(), 0.0);
    }
}
